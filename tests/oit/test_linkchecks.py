"""The checker on OIT answers: run on save, on demand with progress, nightly and from the
command line; its verdicts on the answer page, in the mayor's queue and in the year's
report sorted by points at stake. Links point at a local server of the tests' own."""

import datetime
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from oit import linkchecks, tasks
from oit.models import LinkCheck, LinkCheckRun, OITAnswer
from ops import schedule
from tests.assessments.factories import make_answer, make_framework
from tests.linkserver import serve

S = OITAnswer.Status


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


def links(*urls):
    return [{"url": url, "label": ""} for url in urls]


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def test_saving_an_answer_queues_a_check_whose_verdicts_the_answer_page_shows(
    site, framework, org, office, staff_office, login, run_tasks
):
    answer = make_answer(org, framework, "O1", office, links=[])
    client = login(staff_office)
    response = client.post(
        reverse("oit:answer", args=[2570, "O1"]),
        {
            "version": str(answer.version),
            "where_to_find": "หน้าหลัก › ITA",
            "explanation": "",
            "link_url": [site + "/ok", site + "/soft-404", "", "", ""],
            "link_label": ["ประกาศ", "แผน", "", "", ""],
            "save": "",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    assert DBTaskResult.objects.filter(task_path=tasks.check_answer_links.module_path).exists()

    run_tasks()

    verdicts = dict(LinkCheck.objects.filter(answer=answer).values_list("url", "verdict"))
    assert verdicts == {site + "/ok": "ok", site + "/soft-404": "soft_404"}
    page = client.get(reverse("oit:answer", args=[2570, "O1"])).content.decode()
    assert "ตรวจลิงก์: ใช้ได้" in page
    assert "ตรวจลิงก์: หน้า “ไม่พบ” ที่ตอบ 200" in page


def test_a_link_not_checked_yet_says_so(site, framework, org, office, staff_office, login):
    make_answer(org, framework, "O1", office, links=links(site + "/ok"))
    page = login(staff_office).get(reverse("oit:answer", args=[2570, "O1"])).content.decode()
    assert "ยังไม่ได้ตรวจลิงก์นี้" in page


def test_the_mayor_sees_the_verdicts_in_the_queue(site, framework, org, office, mayor, login):
    answer = make_answer(
        org, framework, "O3", office, S.SUBMITTED, links=links(site + "/off-site", site + "/ok")
    )
    linkchecks.check_answer(answer)
    page = login(mayor).get(reverse("oit:queue", args=[2570])).content.decode()
    assert 'data-verdict="off_domain"' in page
    assert "ออกนอกเว็บไซต์หลักของหน่วยงาน (localhost)" in page
    assert 'data-verdict="ok"' in page


def test_a_check_forgets_links_the_answer_no_longer_has(site, framework, org, office):
    answer = make_answer(org, framework, "O1", office, links=links(site + "/ok", site + "/gone"))
    linkchecks.check_answer(answer)
    answer.links = links(site + "/ok")
    answer.save()
    linkchecks.check_answer(answer)
    assert list(LinkCheck.objects.values_list("url", flat=True)) == [site + "/ok"]


def test_an_item_asking_for_the_past_year_accepts_its_year(site, framework, org, office):
    answer = make_answer(org, framework, "O1", office, links=links(site + "/ok"))
    answer.item.evidence_period = "ข้อมูลของปีงบประมาณที่ผ่านมา"
    answer.item.save()
    assert linkchecks.required_years(answer) == [2569, 2570]


# --- on demand, with progress -----------------------------------------------------------


def test_check_all_now_runs_in_the_background_and_shows_progress(
    site, framework, org, office, analyst, login, run_tasks
):
    make_answer(org, framework, "O1", office, links=links(site + "/ok", site + "/gone"))
    make_answer(org, framework, "O3", office, links=links(site + "/moved-home"))
    make_answer(org, framework, "O4", office, links=[])
    client = login(analyst)

    response = client.post(reverse("oit:links_run", args=[2570]), follow=True)
    assert "กำลังตรวจลิงก์ทั้งหมดของปี 2570" in " ".join(messages_of(response))
    page = response.content.decode()
    assert 'http-equiv="refresh"' in page  # the page follows the run by itself
    assert "กำลังตรวจ…" in page

    # A second press while it runs does not start a second run.
    client.post(reverse("oit:links_run", args=[2570]))
    assert LinkCheckRun.objects.count() == 1

    run_tasks()

    run = LinkCheckRun.objects.get()
    assert (run.total, run.done, run.percent) == (3, 3, 100)
    assert run.finished_at is not None
    page = client.get(reverse("oit:links", args=[2570])).content.decode()
    assert 'http-equiv="refresh"' not in page
    assert "ตรวจทั้งหมดครั้งล่าสุด" in page


def test_staff_cannot_start_a_run(site, framework, org, staff_office, login):
    response = login(staff_office).post(reverse("oit:links_run", args=[2570]))
    assert response.status_code == 403
    assert not LinkCheckRun.objects.exists()


def test_the_mayor_can_start_a_run(site, framework, org, mayor, login):
    login(mayor).post(reverse("oit:links_run", args=[2570]))
    assert LinkCheckRun.objects.get().requested_by == mayor


def test_the_report_puts_problems_worth_most_first(site, framework, org, office, analyst, login):
    # O3 is worth 10 points of the total, O1 5, O4 10 but its link is fine.
    for code, path in (("O1", "/gone"), ("O3", "/no-year"), ("O4", "/ok")):
        linkchecks.check_answer(make_answer(org, framework, code, office, links=links(site + path)))
    response = login(analyst).get(reverse("oit:links", args=[2570]))
    rows, counts = response.context["rows"], response.context["counts"]
    assert [r["answer"].item.code for r in rows] == ["O3", "O1", "O4"]
    assert [str(r["points"]) for r in rows] == ["10.00", "5.00", "10.00"]
    assert counts == {"broken": 1, "period_missing": 1, "ok": 1}
    assert response.context["problems"] == 2
    assert str(response.context["at_risk"]) == "15.00"
    assert "มีผลรวม <strong>15.00</strong> คะแนน" in response.content.decode()


def test_another_organization_sees_none_of_the_results(
    site, framework, org, office, outsider, login
):
    linkchecks.check_answer(make_answer(org, framework, "O1", office, links=links(site + "/ok")))
    response = login(outsider).get(reverse("oit:links", args=[2570]))
    assert response.context["rows"] == []


# --- nightly ----------------------------------------------------------------------------


def test_the_nightly_check_is_in_the_daily_schedule_and_checks_the_current_year(
    site, framework, org, office, other_org, run_tasks
):
    answer = make_answer(org, framework, "O1", office, links=links(site + "/gone"))
    old = make_framework(2565)
    make_answer(org, old, "O1", office, links=links(site + "/ok"))
    assert tasks.nightly_link_check in schedule.DAILY

    schedule.enqueue_daily(datetime.date(2026, 12, 3), tasks=[tasks.nightly_link_check])
    run_tasks()

    assert list(LinkCheck.objects.values_list("answer", "verdict")) == [(answer.pk, "broken")]
    assert (
        DBTaskResult.objects.filter(
            task_path=tasks.check_organization_links.module_path, status="SUCCESSFUL"
        ).count()
        == 1
    )


# --- the command ------------------------------------------------------------------------


def test_checklinks_prints_one_json_object_per_link(site, framework, org, office, capsys):
    make_answer(org, framework, "O1", office, links=links(site + "/ok", site + "/plan.pdf"))
    make_answer(org, framework, "O3", office, links=links(site + "/members-only"))

    call_command("checklinks", "--org", org.slug, "--year", "2570", "--json")

    results = json.loads(capsys.readouterr().out)
    assert [(r["url"], r["verdict"]) for r in results] == [
        (site + "/ok", "ok"),
        (site + "/plan.pdf", "wrong_type"),
        (site + "/members-only", "login"),
    ]
    assert results[2]["final_url"] == site + "/login?next=/members-only"
    assert results[0]["status"] == 200
    assert results[2]["message"] == "หน้านี้ต้องเข้าสู่ระบบก่อน ผู้ประเมินจึงเปิดดูไม่ได้"
    assert LinkCheck.objects.count() == 3  # the pages show what the command found


def test_checklinks_refuses_loopback_without_the_setting(settings, framework, org, office, capsys):
    settings.LINKCHECK_ALLOW_PRIVATE = False
    make_answer(org, framework, "O1", office, links=links("http://127.0.0.1:9/ok"))
    call_command("checklinks", "--org", org.slug, "--year", "2570", "--json")
    [result] = json.loads(capsys.readouterr().out)
    assert result["verdict"] == "refused"
    assert result["status"] is None


def test_checklinks_prints_a_readable_line_per_link(site, framework, org, office, capsys):
    make_answer(org, framework, "O1", office, links=links(site + "/gone"))
    call_command("checklinks", "--org", org.slug, "--year", "2570")
    out = capsys.readouterr().out
    assert "O1" in out and "404 broken" in out and "ตรวจ 1 ลิงก์ พบปัญหา 1 ลิงก์" in out


def test_checklinks_refuses_an_unknown_organization(framework):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="ไม่พบหน่วยงาน"):
        call_command("checklinks", "--org", "nowhere", "--year", "2570")


def test_a_run_over_every_bad_case_finishes_with_a_verdict_for_each(
    site, settings, framework, org, office, analyst, run_tasks
):
    settings.LINKCHECK_MAX_BYTES = 1024 * 1024
    bad = ["/slow", "/huge", "/loop-a", "/locked.pdf", "/broken.pdf", "/tis-620", "/picture"]
    make_answer(org, framework, "O1", office, links=links(*(site + p for p in bad[:4])))
    make_answer(org, framework, "O3", office, links=links(*(site + p for p in bad[4:])))
    linkchecks.link_check_run_start(organization=org, year=2570, actor=analyst)

    run_tasks()

    run = LinkCheckRun.objects.get()
    assert (run.done, run.total) == (7, 7) and run.finished_at is not None
    verdicts = {
        url.removeprefix(site): v for url, v in LinkCheck.objects.values_list("url", "verdict")
    }
    assert verdicts == {
        "/slow": "broken",
        "/huge": "too_large",
        "/loop-a": "broken",
        "/locked.pdf": "unreadable",
        "/broken.pdf": "broken",
        "/tis-620": "ok",
        "/picture": "unreadable",
    }
    assert all(LinkCheck.objects.values_list("message", flat=True))
    assert DBTaskResult.objects.get(
        task_path=tasks.check_organization_links.module_path
    ).status == ("SUCCESSFUL")
