from django.urls import path

from measures import views

app_name = "measures"

urlpatterns = [
    path("", views.measure_list, name="list"),
    path("mine/", views.mine, name="mine"),
    path("<int:pk>/", views.measure_detail, name="detail"),
    path("<int:pk>/edit/", views.measure_edit, name="edit"),
    path("<int:pk>/reports/add/", views.report_add, name="report_add"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence"),
    path("evidence/<int:pk>/remove/", views.evidence_remove, name="evidence_remove"),
    path("year/<int:year>/new/", views.measure_create, name="create"),
    path("year/<int:year>/report.pdf", views.report_pdf, name="report_pdf"),
    path("year/<int:year>/progress.pdf", views.progress_pdf, name="progress_pdf"),
    path("year/<int:year>/report.docx", views.report_pdf, {"format": "docx"}, name="report_docx"),
    path(
        "year/<int:year>/progress.docx",
        views.progress_pdf,
        {"format": "docx"},
        name="progress_docx",
    ),
    path("year/<int:year>/measures.xlsx", views.export_xlsx, name="export_xlsx"),
    path("memos/", views.memo_list, name="memo_list"),
    path("memos/year/<int:year>/new/", views.memo_create, name="memo_create"),
    path("memos/<int:pk>/", views.memo_detail, name="memo_detail"),
    path("memos/<int:pk>/edit/", views.memo_edit, name="memo_edit"),
    path("memos/<int:pk>/ack/", views.memo_ack, name="memo_ack"),
    path("memos/<int:pk>/memo.pdf", views.memo_pdf, name="memo_pdf"),
    path("memos/<int:pk>/memo.docx", views.memo_pdf, {"format": "docx"}, name="memo_docx"),
    path("memos/<int:pk>/sign/", views.memo_sign, name="memo_sign"),
    path("memos/<int:pk>/reopen/", views.memo_reopen, name="memo_reopen"),
]
