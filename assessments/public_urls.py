from django.urls import path

from assessments import answer_views, public_views

app_name = "public"

urlpatterns = [
    path("<slug:org_slug>/ita/<int:year>/", public_views.ita, name="ita"),
    path("<slug:org_slug>/ita/<int:year>.json", public_views.ita_json, name="ita_json"),
    path(
        "<slug:org_slug>/ita/<int:year>/oit/files/<int:pk>/",
        answer_views.public_attachment,
        name="oit_attachment",
    ),
]
