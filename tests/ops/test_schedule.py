"""The nightly work is queued once per day and run by the database worker."""

import datetime

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from ops import schedule
from tests.ops.daily_tasks import note_day


@pytest.fixture
def daily(db, monkeypatch):
    monkeypatch.setattr(schedule, "DAILY", [note_day])
    cache.clear()


def test_a_day_is_queued_once_however_often_the_scheduler_runs(daily):
    day = datetime.date(2026, 12, 3)

    assert schedule.enqueue_daily(day) == [note_day.module_path]
    assert schedule.enqueue_daily(day) == []
    call_command("schedule_daily", "--date", "2026-12-03")

    assert DBTaskResult.objects.filter(task_path=note_day.module_path).count() == 1


def test_the_next_day_is_queued_again(daily):
    schedule.enqueue_daily(datetime.date(2026, 12, 3))
    schedule.enqueue_daily(datetime.date(2026, 12, 4))

    assert DBTaskResult.objects.count() == 2


def test_the_database_worker_runs_what_was_queued(daily, run_tasks):
    schedule.enqueue_daily(datetime.date(2026, 12, 3))

    run_tasks()

    result = DBTaskResult.objects.get()
    assert result.status == "SUCCESSFUL"
    assert result.return_value == "2026-12-03"
    assert cache.get("ran:2026-12-03") == 1


def test_a_malformed_date_is_refused_in_thai(daily):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="วันที่ไม่ถูกต้อง"):
        call_command("schedule_daily", "--date", "3/12/2569")
