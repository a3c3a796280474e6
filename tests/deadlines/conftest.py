"""A current fiscal year worked on by `org`: last year's assessment with measures carried
out now and a memo circulating them, this year's assessment, and NACC's OIT window."""

import datetime

import pytest
from django.utils import timezone

from deadlines.models import Milestone
from itaportal import thai
from measures.models import Memo
from tests.measures import factories


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def fy(today):
    return thai.current_fiscal_year(today)


@pytest.fixture
def year(org, office, finance, fy):
    """{'last': assessment of fy-1, 'current': assessment of fy}"""
    factories.departments(org)
    return {
        "last": factories.assessment(org, fy - 1, scores={}, analysis=False),
        "current": factories.assessment(org, fy, scores={}, analysis=False),
    }


@pytest.fixture
def oit_window(year, today):
    """NACC's OIT window of the current year, closing 40 days from today (provisional)."""
    return Milestone.objects.create(
        framework=year["current"].framework,
        kind=Milestone.Kind.OIT,
        starts_on=today - datetime.timedelta(days=10),
        ends_on=today + datetime.timedelta(days=40),
        provisional=True,
    )


def make_memo(assessment, departments, date, subject="แจ้งมาตรการประจำปี", **fields):
    memo = Memo.objects.create(
        **{
            "assessment": assessment,
            "issuing_unit": "สำนักปลัด",
            "date": date,
            "subject": subject,
            "addressee": "ผู้อำนวยการทุกกอง",
            "signer_name": "ผู้ลงนาม ทดสอบ",
            "signer_position": "นายก",
        }
        | fields
    )
    memo.recipients.set(departments)
    return memo


@pytest.fixture
def memo(year, office, finance, today):
    return make_memo(year["last"], [office, finance], today - datetime.timedelta(days=2))
