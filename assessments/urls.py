from django.urls import path

from assessments import views

app_name = "assessments"

# Years are Buddhist Era integers. Other features append their own paths below.
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("new/", views.create, name="create"),
    path("<int:year>/", views.detail, name="detail"),
    path("<int:year>/scores/", views.scores, name="scores"),
    path("<int:year>/scores/import/", views.scores_import, name="scores_import"),
    path("<int:year>/results/", views.item_results, name="item_results"),
    path("<int:year>/analysis/", views.analysis, name="analysis"),
]

# OIT answers (issue 4): prepared by departments, approved by the executive.
from assessments import answer_views  # noqa: E402

urlpatterns += [
    path("oit/", answer_views.oit_home, name="oit_home"),
    path("<int:year>/oit/", answer_views.oit_list, name="oit_list"),
    path("<int:year>/oit/queue/", answer_views.oit_queue, name="oit_queue"),
    path("<int:year>/oit/queue/approve/", answer_views.oit_approve_many, name="oit_approve_many"),
    path("<int:year>/oit/progress/", answer_views.oit_progress, name="oit_progress"),
    path("<int:year>/oit/assign/", answer_views.oit_assign, name="oit_assign"),
    path("<int:year>/oit/copy/", answer_views.oit_copy, name="oit_copy"),
    path("<int:year>/oit/files/<int:pk>/", answer_views.oit_attachment, name="oit_attachment"),
    path("<int:year>/oit/<str:code>/", answer_views.oit_answer, name="oit_answer"),
    path("<int:year>/oit/<str:code>/submit/", answer_views.oit_submit, name="oit_submit"),
    path("<int:year>/oit/<str:code>/approve/", answer_views.oit_approve, name="oit_approve"),
    path("<int:year>/oit/<str:code>/return/", answer_views.oit_return, name="oit_return"),
    path("<int:year>/oit/<str:code>/reopen/", answer_views.oit_reopen, name="oit_reopen"),
]
