from django.urls import path

from announcements import views

app_name = "announcements"

urlpatterns = [
    path("", views.announcement_list, name="list"),
    path("new/", views.announcement_edit, name="create"),
    path("<int:pk>/", views.announcement_detail, name="detail"),
    path("<int:pk>/edit/", views.announcement_edit, name="edit"),
    path("<int:pk>/pdf/", views.announcement_document, name="pdf"),
    path("<int:pk>/docx/", views.announcement_document, {"format": "docx"}, name="docx"),
    path("<int:pk>/sign/", views.announcement_sign, name="sign"),
    path("<int:pk>/reopen/", views.announcement_reopen, name="reopen"),
    path("<int:pk>/attach/", views.announcement_attach, name="attach"),
]
