"""The submission snapshot: the day the answers went into ITAS, the approved answers frozen,
a copy of each link kept, and during NACC's review the alerts when a kept link changed,
broke or disappeared (for the item's department and the admin)."""

import datetime
import hashlib

import pytest
from django.urls import reverse
from django.utils import timezone

from oit import snapshots, tasks
from oit.models import OITAnswer, SnapshotLink, SubmissionSnapshot
from tests.assessments.factories import make_answer, make_framework
from tests.linkserver import Handler, html, serve

S = OITAnswer.Status
TODAY = datetime.date(2026, 12, 3)


@pytest.fixture
def site(settings, org):
    settings.LINKCHECK_ALLOW_PRIVATE = True
    settings.LINKCHECK_TIMEOUT = 1
    org.website, org.website_domains = "", "127.0.0.1"
    org.save()
    with serve() as base:
        yield base


@pytest.fixture
def framework(db):
    return make_framework(2570)


@pytest.fixture
def approved(site, framework, org, office, finance):
    """O1 (office) links a page and a PDF; O3 (finance) a page; O4 is still a draft."""
    return [
        make_answer(
            org,
            framework,
            "O1",
            office,
            S.APPROVED,
            links=[
                {"url": site + "/ok", "label": "a"},
                {"url": site + "/report.pdf", "label": "b"},
            ],
        ),
        make_answer(
            org,
            framework,
            "O3",
            finance,
            S.APPROVED,
            links=[{"url": site + "/no-year", "label": "c"}],
        ),
        make_answer(
            org, framework, "O4", office, S.DRAFT, links=[{"url": site + "/ok", "label": "d"}]
        ),
    ]


def take(analyst, org, **dates):
    return snapshots.snapshot_take(
        organization=org,
        year=2570,
        submitted_on=dates.pop("submitted_on", TODAY),
        actor=analyst,
        **dates,
    )


def test_it_freezes_the_approved_answers_and_keeps_a_copy_of_each_link(
    approved, org, analyst, run_tasks, media
):
    snapshot = take(analyst, org)
    assert [a.item_code for a in snapshot.answers.all()] == ["O1", "O3"]

    run_tasks()  # the fetch was queued with the snapshot

    kept = list(SnapshotLink.objects.order_by("snapshot_answer__item_code", "position"))
    assert [(k.url.rsplit("/", 1)[1], k.status) for k in kept] == [
        ("ok", 200),
        ("report.pdf", 200),
        ("no-year", 200),
    ]
    pdf = kept[1]
    with pdf.copy.open("rb") as f:
        data = f.read()
    assert data.startswith(b"%PDF-")
    assert pdf.content_hash == hashlib.sha256(data).hexdigest()
    assert pdf.size == len(data) and pdf.fetched_at is not None
    assert kept[0].copy.name.endswith(".html") and kept[0].content_hash
    assert SubmissionSnapshot.objects.get().fetched_at is not None


def test_a_frozen_answer_stays_as_it_was_when_the_answer_is_reopened_and_edited(
    approved, org, analyst
):
    take(analyst, org)
    answer = approved[0]
    answer.links = [{"url": "https://127.0.0.1/new", "label": "new"}]
    answer.save()
    frozen = SubmissionSnapshot.objects.get().answers.get(item_code="O1")
    assert [link["url"].rsplit("/", 1)[1] for link in frozen.links] == ["ok", "report.pdf"]


def test_during_review_a_changed_broken_or_missing_page_alerts_its_department_and_the_admin(
    approved, org, analyst, staff_office, staff_finance, mayor, login, run_tasks
):
    take(analyst, org, review_starts=TODAY, review_ends=TODAY + datetime.timedelta(days=30))
    run_tasks()
    # After the submission day the pages move on.
    Handler.overrides = {
        "/ok": (200, "text/html; charset=utf-8", html("ประกาศใหม่", "แก้ไขแล้ว 2570").encode()),
        "/report.pdf": (404, "text/html", b"gone"),
    }

    tasks.nightly_link_check.enqueue(TODAY.isoformat())
    run_tasks()

    changes = dict(SnapshotLink.objects.values_list("url", "change"))
    assert sorted(changes.values()) == ["", "changed", "gone"]  # no-year.html did not change

    office_home = login(staff_office).get(reverse("home")).content.decode()
    assert "ลิงก์ที่ส่ง ITAS เปลี่ยนไป" in office_home
    assert "เนื้อหาเปลี่ยน" in office_home and "หน้าหายไป" in office_home
    finance_home = login(staff_finance).get(reverse("home")).content.decode()
    assert "ลิงก์ที่ส่ง ITAS เปลี่ยนไป" not in finance_home  # none of its items changed
    admin_report = login(analyst).get(reverse("oit:links", args=[2570]))
    assert len(admin_report.context["alerts"]) == 2
    assert "ลิงก์ที่เปลี่ยนไปจากวันที่กรอกคำตอบในระบบ ITAS (2)" in admin_report.content.decode()


def test_a_page_that_comes_back_as_it_was_loses_its_alert(approved, org, analyst, run_tasks):
    snapshot = take(analyst, org, review_starts=TODAY)
    run_tasks()
    Handler.overrides = {"/no-year": (500, "text/html", b"down")}
    assert [k.change for k in snapshots.snapshot_compare(snapshot)] == ["broken"]
    Handler.overrides = {}
    assert snapshots.snapshot_compare(snapshot) == []
    assert not SnapshotLink.objects.exclude(change="").exists()


def test_outside_the_review_period_the_night_does_not_compare(approved, org, analyst, run_tasks):
    take(analyst, org, review_starts=TODAY + datetime.timedelta(days=1))
    run_tasks()
    Handler.overrides = {"/ok": (404, "text/html", b"gone")}
    tasks.nightly_link_check.enqueue(TODAY.isoformat())
    run_tasks()
    assert SubmissionSnapshot.objects.get().compared_at is None
    assert not SnapshotLink.objects.exclude(change="").exists()


def test_the_admin_records_the_day_and_the_review_period_from_the_report_page(
    approved, org, analyst, login
):
    client = login(analyst)
    page = client.get(reverse("oit:links", args=[2570])).content.decode()
    assert 'action="/assessments/2570/oit/links/snapshot/"' in page
    client.post(reverse("oit:snapshot_take", args=[2570]), {"submitted_on": "2026-12-01"})
    snapshot = SubmissionSnapshot.objects.get()
    assert snapshot.submitted_on == datetime.date(2026, 12, 1)
    client.post(
        reverse("oit:snapshot_review", args=[2570]),
        {"review_starts": "2026-12-05", "review_ends": "2027-01-15"},
    )
    snapshot.refresh_from_db()
    assert (snapshot.review_starts, snapshot.review_ends) == (
        datetime.date(2026, 12, 5),
        datetime.date(2027, 1, 15),
    )
    assert snapshot.in_review(datetime.date(2027, 1, 15))
    assert not snapshot.in_review(datetime.date(2027, 1, 16))


def test_staff_and_the_mayor_cannot_record_a_snapshot(approved, org, staff_office, mayor, login):
    for user in (staff_office, mayor):
        response = login(user).post(
            reverse("oit:snapshot_take", args=[2570]), {"submitted_on": "2026-12-01"}
        )
        assert response.status_code == 403
        with pytest.raises(snapshots.SnapshotError, match="เฉพาะผู้ดูแลระบบหน่วยงาน"):
            take(user, org)
    assert not SubmissionSnapshot.objects.exists()


def test_refusals_are_in_thai(approved, framework, org, analyst):
    with pytest.raises(snapshots.SnapshotError, match="ต้องไม่เป็นวันในอนาคต"):
        take(analyst, org, submitted_on=timezone.localdate() + datetime.timedelta(days=1))
    with pytest.raises(snapshots.SnapshotError, match="ต้องไม่ก่อนวันเริ่ม"):
        take(analyst, org, review_starts=TODAY, review_ends=TODAY - datetime.timedelta(days=1))
    take(analyst, org)
    with pytest.raises(snapshots.SnapshotError, match="บันทึกคำตอบที่ส่ง ITAS ของปี 2570 ไว้แล้ว"):
        take(analyst, org)


def test_a_year_without_approved_answers_has_nothing_to_record(framework, org, office, analyst):
    make_answer(org, framework, "O1", office, S.SUBMITTED)
    with pytest.raises(snapshots.SnapshotError, match="ยังไม่มีคำตอบที่ผู้บริหารอนุมัติ"):
        take(analyst, org)


def test_an_answer_approved_after_the_submission_day_is_not_part_of_it(approved, org, analyst):
    late = approved[1]
    late.approved_at = timezone.now()
    late.save()
    snapshot = take(analyst, org, submitted_on=timezone.localdate() - datetime.timedelta(days=1))
    assert [a.item_code for a in snapshot.answers.all()] == ["O1"]
