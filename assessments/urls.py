from django.urls import path

from assessments import views

app_name = "assessments"

# Years are Buddhist Era integers.
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("new/", views.create, name="create"),
    path("<int:year>/", views.detail, name="detail"),
    path("<int:year>/scores/", views.scores, name="scores"),
    path("<int:year>/scores/import/", views.scores_import, name="scores_import"),
    path("<int:year>/scores/template.<str:format>", views.scores_template, name="scores_template"),
    path("<int:year>/scores/published/", views.published, name="published"),
    path("<int:year>/public/", views.make_public, name="make_public"),
    path("<int:year>/results/", views.item_results, name="item_results"),
    path("<int:year>/results/import/", views.item_results_import, name="item_results_import"),
    path(
        "<int:year>/results/template.<str:format>",
        views.item_results_template,
        name="item_results_template",
    ),
    path("<int:year>/analysis/", views.analysis, name="analysis"),
]
