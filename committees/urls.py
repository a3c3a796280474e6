from django.urls import path

from committees import views

app_name = "committees"

urlpatterns = [
    path("", views.order_list, name="list"),
    path("new/", views.order_edit, name="create"),
    path("<int:pk>/", views.order_detail, name="detail"),
    path("<int:pk>/edit/", views.order_edit, name="edit"),
    path("<int:pk>/pdf/", views.order_pdf, name="pdf"),
    path("<int:pk>/docx/", views.order_pdf, {"format": "docx"}, name="docx"),
    path("<int:pk>/reopen/", views.order_reopen_view, name="reopen"),
    path("<int:pk>/copy/", views.order_copy, name="copy"),
]
