from django.urls import path

from campaigns import views

app_name = "campaigns"

urlpatterns = [
    path("", views.home, name="home"),
    path("<int:year>/", views.detail, name="detail"),
    path("<int:year>/edit/", views.edit, name="edit"),
    path("<int:year>/counts/", views.count_add, name="count_add"),
    path("<int:year>/counts/<int:pk>/delete/", views.count_delete, name="count_delete"),
    path("<int:year>/stakeholders/", views.stakeholders, name="stakeholders"),
    path("<int:year>/stakeholders/import/", views.stakeholder_import, name="stakeholder_import"),
    path(
        "<int:year>/stakeholders/<int:pk>/delete/",
        views.stakeholder_delete,
        name="stakeholder_delete",
    ),
    path("<int:year>/poster/", views.poster, name="poster"),
    path("<int:year>/poster.pdf", views.poster_pdf, name="poster_pdf"),
]
