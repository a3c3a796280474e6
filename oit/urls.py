from django.urls import path

from oit import clarification_views as cviews
from oit import views, views_links

app_name = "oit"

# The paths stay under /assessments/<year>/oit/: an answer belongs to a year's assessment.
urlpatterns = [
    path("oit/", views.oit_home, name="home"),
    path("<int:year>/oit/", views.oit_list, name="list"),
    path("<int:year>/oit/queue/", views.oit_queue, name="queue"),
    path("<int:year>/oit/queue/approve/", views.oit_approve_many, name="approve_many"),
    path("<int:year>/oit/progress/", views.oit_progress, name="progress"),
    path("<int:year>/oit/assign/", views.oit_assign, name="assign"),
    path("<int:year>/oit/copy/", views.oit_copy, name="copy"),
    path("<int:year>/oit/links/", views_links.oit_links, name="links"),
    path("<int:year>/oit/links/run/", views_links.oit_links_run, name="links_run"),
    path("<int:year>/oit/links/snapshot/", views_links.oit_snapshot_take, name="snapshot_take"),
    path("<int:year>/oit/links/review/", views_links.oit_snapshot_review, name="snapshot_review"),
    path("<int:year>/oit/files/<int:pk>/", views.oit_attachment, name="attachment"),
    path("<int:year>/oit/verdicts/", cviews.verdicts, name="verdicts"),
    path("<int:year>/oit/clarifications/", cviews.clarification_list, name="clarifications"),
    path("<int:year>/oit/clarifications.pdf", cviews.clarifications_pdf, name="clarifications_pdf"),
    path("<int:year>/oit/clarifications.csv", cviews.clarifications_csv, name="clarifications_csv"),
    path(
        "<int:year>/oit/clarifications/files/<int:pk>/",
        cviews.clarification_file,
        name="clarification_file",
    ),
    path(
        "<int:year>/oit/clarifications/<str:code>/",
        cviews.clarification_detail,
        name="clarification",
    ),
    *[
        path(
            f"<int:year>/oit/clarifications/<str:code>/{action}/",
            cviews.clarification_action,
            {"action": action},
            name=f"clarification_{action}",
        )
        for action in ("submit", "approve", "return")
    ],
    path("<int:year>/oit/<str:code>/", views.oit_answer, name="answer"),
    path("<int:year>/oit/<str:code>/submit/", views.oit_submit, name="submit"),
    path("<int:year>/oit/<str:code>/withdraw/", views.oit_withdraw, name="withdraw"),
    path("<int:year>/oit/<str:code>/approve/", views.oit_approve, name="approve"),
    path("<int:year>/oit/<str:code>/return/", views.oit_return, name="return"),
    path("<int:year>/oit/<str:code>/reopen/", views.oit_reopen, name="reopen"),
]
