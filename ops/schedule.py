"""The portal's nightly work: each task here runs once per day on the task engine.

Apps add their daily task (a django-tasks task taking the day as an ISO date string) to
`DAILY`. `enqueue_daily` is what cron (or `make run`) calls: it queues each task for the
day once, however often it is called, so a repeated cron line or two schedulers sharing one
database do not double the work. The tasks themselves stay idempotent as well (a reminder
records what it sent), so even a duplicate run does no harm.
"""

from __future__ import annotations

import datetime

from django_tasks_db.models import DBTaskResult

import notices.tasks
from oit.tasks import nightly_link_check
from ops.tasks import prune_form_tokens, prune_kept_documents

DAILY: list = [
    nightly_link_check,
    notices.tasks.send_daily_reminders,
    prune_kept_documents,
    prune_form_tokens,
]


def _queued_for(task, day: str) -> bool:
    return DBTaskResult.objects.filter(
        task_path=task.module_path, args_kwargs={"args": [day], "kwargs": {}}
    ).exists()


def enqueue_daily(day: datetime.date, tasks=None) -> list[str]:
    """Queue each daily task for `day` unless it is already queued; return what was queued."""
    iso = day.isoformat()
    queued = []
    for task in DAILY if tasks is None else tasks:
        if not _queued_for(task, iso):
            task.enqueue(iso)
            queued.append(task.module_path)
    return queued
