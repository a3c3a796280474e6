"""Background work of the OIT answers, on the task engine (django-tasks, database backend).

Every task takes ids and ISO dates (JSON) and may run twice without harm: a check replaces
the last one, a snapshot keeps only the copies it has not kept yet. The nightly task is in
ops.schedule.DAILY; it fans out one task per organization so that any number of workers
share the night.
"""

import datetime

from django_tasks import task

from itaportal import thai
from itaportal.models import Organization
from oit import linkchecks, snapshots
from oit.models import LinkCheckRun, OITAnswer, SubmissionSnapshot

QUEUE = "linkcheck"


@task(queue_name=QUEUE)
def check_answer_links(answer_id: int):
    """Check the links of one answer (queued when the answer is saved)."""
    answer = OITAnswer.objects.for_listing().filter(pk=answer_id).first()
    if answer is None:  # deleted meanwhile: nothing to check
        return 0
    return len(linkchecks.check_answer(answer))


@task(queue_name=QUEUE)
def check_organization_links(organization_id: int, year: int, run_id: int | None = None):
    """Check every link of one organization's year, moving the run's progress bar."""
    organization = Organization.objects.filter(pk=organization_id).first()
    if organization is None:
        return 0
    run = LinkCheckRun.objects.filter(pk=run_id).first() if run_id else None
    return linkchecks.check_year(organization, year, run=run)


@task(queue_name=QUEUE)
def fetch_snapshot(snapshot_id: int):
    """Keep a copy of each link of a new submission snapshot."""
    snapshot = SubmissionSnapshot.objects.filter(pk=snapshot_id).first()
    if snapshot is not None:
        snapshots.snapshot_fetch(snapshot)


@task(queue_name=QUEUE)
def compare_snapshot(snapshot_id: int):
    """Compare each kept link of a snapshot with what it shows now."""
    snapshot = SubmissionSnapshot.objects.filter(pk=snapshot_id).first()
    if snapshot is not None:
        snapshots.snapshot_compare(snapshot)


@task(queue_name=QUEUE)
def nightly_link_check(day: str):
    """The night's work for `day`: every organization's links of the fiscal year `day`
    falls in, and every snapshot whose NACC review period covers `day`."""
    date = datetime.date.fromisoformat(day)
    year = thai.fiscal_year(date)
    organizations = (
        OITAnswer.objects.in_year(year)
        .current()
        .exclude(links=[])
        .values_list("organization_id", flat=True)
        .distinct()
        .order_by("organization_id")
    )
    queued = 0
    for organization_id in organizations:
        check_organization_links.enqueue(organization_id, year)
        queued += 1
    for snapshot in snapshots.snapshots_in_review(date):
        compare_snapshot.enqueue(snapshot.pk)
        queued += 1
    return queued
