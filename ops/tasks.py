"""Background work that spans the apps: the year's documents rendered after its data changed.

Printing is instant when the PDF of the current data is already kept (itaportal/keptdocs.py).
After a change to an order, an assessment, a measure, a quarterly report or a memo commits,
`render_year_documents` is queued for the organization's year; a worker renders every
document of that year through the same functions as the pages and `printdoc`, and keeps
each PDF under its content's key. A document already kept is not rendered again, so the
task is idempotent and a retry or a duplicate costs little. The nightly pruning of what
the core keeps (PDFs, used form tokens) is queued from here too (ops.schedule.DAILY): the
core may not import the task engine's schedule.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_save
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from assessments.models import Assessment
from committees.documents import render_order
from committees.models import Order
from itaportal import keptdocs, once
from itaportal.documents import DocumentError
from measures.documents import (
    default_progress_quarter,
    render_measures_report,
    render_memo,
    render_progress_report,
)
from measures.models import Measure, MeasureReport, Memo

QUEUE = "documents"


@task(queue_name=QUEUE)
def render_year_documents(organization_id: int, year: int) -> int:
    """Render (or find kept) every document of the organization's year; return how many."""
    made = 0
    for order in Order.objects.filter(organization_id=organization_id, fiscal_year=year):
        made += _made(lambda order=order: render_order(order))
    assessment = Assessment.objects.filter(organization_id=organization_id, year=year).first()
    if assessment is not None:
        made += _made(lambda: render_measures_report(assessment))
        made += _made(
            lambda: render_progress_report(assessment, default_progress_quarter(assessment))
        )
        for memo in Memo.objects.filter(assessment=assessment):
            made += _made(lambda memo=memo: render_memo(memo))
    return made


def _made(render) -> int:
    try:
        render()
    except DocumentError:
        return 0  # the data cannot make this document yet (no measures, no number…)
    return 1


@task(queue_name=QUEUE)
def prune_kept_documents(day: str) -> int:
    """Nightly: drop kept PDFs unused for a month."""
    return keptdocs.prune()


@task(queue_name=QUEUE)
def prune_form_tokens(day: str) -> int:
    """Nightly: drop the used one-time form tokens that can no longer be sent again."""
    return once.prune()


def queue_year_documents(organization_id, year):
    """Queue the year's rendering once: not again while one is waiting to run."""
    args = {"args": [organization_id, year], "kwargs": {}}
    waiting = DBTaskResult.objects.filter(
        task_path=render_year_documents.module_path, status="READY", args_kwargs=args
    )
    if not waiting.exists():
        render_year_documents.enqueue(organization_id, year)


def _organization_year(instance):
    if isinstance(instance, Order):
        return instance.organization_id, instance.fiscal_year
    if isinstance(instance, Assessment):
        return instance.organization_id, instance.year
    if isinstance(instance, Measure | Memo):
        assessments = Assessment.objects.filter(pk=instance.assessment_id)
    else:  # a quarterly report
        assessments = Assessment.objects.filter(measures__pk=instance.measure_id)
    return assessments.values_list("organization_id", "year").first()


def _changed(sender, instance, raw=False, **kwargs):
    if raw:
        return  # fixtures being loaded: nothing to print yet
    found = _organization_year(instance)
    if found is not None:
        transaction.on_commit(lambda: queue_year_documents(*found))


def connect():
    for model in (Order, Assessment, Measure, MeasureReport, Memo):
        post_save.connect(_changed, sender=model, dispatch_uid=f"documents-{model.__name__}")
