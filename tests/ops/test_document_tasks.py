"""After a change commits, a worker lays the year's documents out, so printing is instant."""

import pytest
from django_tasks_db.models import DBTaskResult

from committees.documents import render_order
from itaportal import documents
from ops.tasks import render_year_documents
from tests.committees.conftest import make_order


@pytest.fixture
def layouts(monkeypatch):
    calls = []
    real = documents.html_to_pdf

    def counting(html):
        calls.append(html)
        return real(html)

    monkeypatch.setattr(documents, "html_to_pdf", counting)
    return calls


def _queued():
    return DBTaskResult.objects.filter(task_path=render_year_documents.module_path)


def test_a_committed_change_queues_the_years_documents_once(
    org, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        order = make_order(org)
        order.subject = "แต่งตั้งคณะกรรมการ (แก้ไข)"
        order.save()

    assert _queued().count() == 1
    assert _queued().get().args_kwargs["args"] == [org.pk, 2565]


def test_a_change_that_rolls_back_queues_nothing(org, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        make_order(org)

    assert not _queued().exists()


def test_the_worker_lays_out_the_order_and_the_print_after_it_lays_out_nothing(
    org, run_tasks, layouts, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        order = make_order(org)

    run_tasks()
    assert _queued().get().status == "SUCCESSFUL"
    laid_out = len(layouts)
    assert laid_out >= 1

    document = render_order(order)

    assert len(layouts) == laid_out
    assert document.content.startswith(b"%PDF")
