"""Used one-time form tokens are pruned nightly once no page can send them again."""

import datetime

from django.utils import timezone

from itaportal import once
from itaportal.models import FormToken
from ops import schedule
from ops.tasks import prune_form_tokens


def used(token, ago):
    FormToken.objects.create(token=token)
    # used_at is stamped on create (auto_now_add); move it back as if used `ago` earlier.
    FormToken.objects.filter(token=token).update(used_at=timezone.now() - ago)


def test_the_pruning_is_part_of_the_nightly_work():
    assert prune_form_tokens in schedule.DAILY


def test_the_nightly_task_drops_tokens_used_more_than_a_day_ago(db, run_tasks, settings):
    settings.SESSION_COOKIE_AGE = 8 * 60 * 60
    used("old", datetime.timedelta(days=1, minutes=5))
    used("older", datetime.timedelta(days=40))
    used("recent", datetime.timedelta(hours=23))

    schedule.enqueue_daily(datetime.date(2026, 12, 3), tasks=[prune_form_tokens])
    run_tasks()

    assert list(FormToken.objects.values_list("token", flat=True)) == ["recent"]


def test_a_recent_token_still_refuses_the_form_sent_again(db):
    assert once.claim("sent-once")
    once.prune()

    assert not once.claim("sent-once")


def test_tokens_live_as_long_as_a_session_when_sessions_last_longer_than_a_day(db, settings):
    settings.SESSION_COOKIE_AGE = 3 * 24 * 60 * 60
    used("two-days", datetime.timedelta(days=2))
    used("four-days", datetime.timedelta(days=4))

    assert once.prune() == 1  # how many went
    assert list(FormToken.objects.values_list("token", flat=True)) == ["two-days"]
