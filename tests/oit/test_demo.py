"""The demo OIT answers: every state, several departments, work waiting for every demo
user, and loading twice changes nothing."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from itaportal.models import User
from oit.models import AnswerEvent, OITAnswer

S = OITAnswer.Status


@pytest.fixture
def demo(db):
    call_command("loaddemo", verbosity=0)
    return User.objects.get(username="mayor").organization


def snapshot():
    return sorted(
        OITAnswer.objects.values_list("item__code", "status", "department__name", "version")
    ), AnswerEvent.objects.count()


def test_demo_answers_cover_every_state_and_several_departments(demo):
    answers = OITAnswer.objects.for_year(demo, 2565)
    assert set(answers.values_list("status", flat=True)) == set(S.values)
    assert answers.values("department").distinct().count() == 4
    returned = answers.filter(status=S.RETURNED)
    assert all(a.review_comment for a in returned)
    for answer in returned:
        last = answer.events.order_by("-at", "-pk").first()
        assert (last.action, last.comment) == ("return", answer.review_comment)


def test_every_demo_user_finds_work_waiting(demo, client):
    client.force_login(User.objects.get(username="mayor"))
    assert "oit-waiting-count" in client.get(reverse("home")).content.decode()
    for username in ("staff-office", "staff-finance", "staff-works", "staff-edu"):
        user = User.objects.get(username=username)
        mine = OITAnswer.objects.filter(organization=demo, department=user.department)
        assert mine.filter(status=S.RETURNED).exists(), username
        assert mine.filter(status__in=[S.DRAFT, S.RETURNED]).count() >= 2, username


def test_loading_the_demo_twice_changes_nothing(demo):
    before = snapshot()
    call_command("loaddemo", verbosity=0)
    assert snapshot() == before
