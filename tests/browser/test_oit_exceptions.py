"""An answer that bends a rule goes to the mayor only with the reason its officer wrote,
and the mayor reads that reason in the queue, on a phone, before approving."""

import io

import pytest
from django.core.management import call_command

from itaportal.models import Organization
from oit.models import Clarification, OITAnswer
from tests.browser.conftest import PHONE
from tests.browser.journeys_support import horizontal_overflow, screenshot, sign_in

pytestmark = pytest.mark.browser

YEAR = 2570
DRIVE = "https://drive.google.com/file/d/1manual2570/view"
REASON = "คู่มือฉบับเต็มมีขนาดใหญ่เกินกว่าที่เว็บไซต์หลักรับได้ จึงฝากไว้ที่ Google Drive ของหน่วยงาน"


@pytest.fixture
def demo(transactional_db):
    """The demo as `manage.py loaddemo` leaves it: กองช่าง's O8 of FY 2570 is a draft."""
    call_command("loaddemo", stdout=io.StringIO())
    return Organization.objects.get(slug="nongprung")


def _run_link_checks(monkeypatch):
    """What a worker does after the save: check each queued answer's links. The network is
    a stand-in that answers every address with a page of the year; the verdicts are the
    checker's own."""
    from itaportal import linkcheck

    def fetch(url, **options):
        return linkcheck.Fetched(
            url=url,
            final_url=url,
            status=200,
            headers={"content-type": "text/html; charset=utf-8"},
            body="<html><title>คู่มือ</title><body>คู่มือการปฏิบัติงาน ปี 2570</body></html>".encode(),
        )

    monkeypatch.setattr(linkcheck, "fetch", fetch)
    call_command(
        "db_worker", "--batch", "--queue-name", "*", "--no-startup-delay", "--no-reload",
        "--interval", "0",
    )  # fmt: skip


def test_staff_submit_an_off_site_link_with_a_reason_and_the_mayor_approves_it(
    new_page, live_server, demo, monkeypatch
):
    # The officer of กองช่าง puts the full manual's Google Drive link on O8.
    page = sign_in(new_page, live_server, "staff-works")
    page.goto(f"{live_server.url}/assessments/{YEAR}/oit/O8/")
    page.fill("#link_url_2", DRIVE)
    page.fill("#link_label_2", "คู่มือการปฏิบัติงานฉบับเต็ม")
    page.get_by_role("button", name="บันทึกและส่งให้ผู้บริหาร").click()
    page.wait_for_url(f"**/assessments/{YEAR}/oit/O8/")
    # Saved, but not sent: the link is off the website and no reason is written yet.
    page.get_by_text("บันทึกแล้ว แต่ยังส่งไม่ได้").wait_for()
    assert OITAnswer.objects.get(organization=demo, item__code="O8").status == "draft"

    # The page asks for the reason of that one exception; the officer writes it and sends.
    box = page.locator(".oit-reasons textarea")
    assert box.count() == 1
    assert DRIVE in page.locator(".oit-reasons label").inner_text()
    box.fill(REASON)
    screenshot(page, "13-staff-reason")
    page.get_by_role("button", name="บันทึกและส่งให้ผู้บริหาร").click()
    page.get_by_text("บันทึกและส่งข้อ O8 ให้ผู้บริหารพิจารณาแล้ว").wait_for()

    # A worker checks the saved links.
    _run_link_checks(monkeypatch)

    # The mayor opens the queue on his phone and reads the exception and its reason, and
    # the checker's verdict on the Google Drive link.
    mayor = sign_in(new_page, live_server, "mayor", PHONE)
    mayor.goto(f"{live_server.url}/assessments/{YEAR}/oit/queue/")
    card = mayor.locator("article.oit-card[data-code=O8]")
    verdicts = card.locator(".oit-linkcheck")
    assert "off_domain" in [
        verdicts.nth(i).get_attribute("data-verdict") for i in range(verdicts.count())
    ]
    assert "ออกนอกเว็บไซต์หน่วยงาน" in card.inner_text()
    exception = card.locator(".oit-exception")
    assert exception.count() == 1
    assert DRIVE in exception.inner_text()
    assert REASON in card.locator(".oit-exception-reason").inner_text()
    assert horizontal_overflow(mayor) == 0, "the queue is wider than the phone"
    screenshot(mayor, "13-mayor-queue-reason")

    mayor.get_by_role("button", name="อนุมัติ O8", exact=True).click()
    mayor.wait_for_url(f"**/assessments/{YEAR}/oit/queue/")
    mayor.get_by_text("อนุมัติข้อ O8 แล้ว").wait_for()
    answer = OITAnswer.objects.get(organization=demo, item__code="O8")
    assert answer.status == "approved"
    assert answer.exception_reasons == {f"link:{DRIVE}": REASON}


def test_a_failed_item_is_clarified_and_approved_on_phones(new_page, live_server, demo):
    # The analyst records NACC's preliminary verdict: O1 of 2570 failed.
    analyst = sign_in(new_page, live_server, "analyst", PHONE)
    analyst.goto(f"{live_server.url}/assessments/{YEAR}/oit/verdicts/")
    card = analyst.locator(".oit-verdict[data-code=O1]")
    card.get_by_label("ผลเบื้องต้น").select_option("0")
    card.get_by_label("ความเห็นของผู้ประเมิน ข้อ O1").fill("แผนผังไม่แสดงฝ่ายการเมือง")
    card.get_by_role("button", name="บันทึกผลเบื้องต้น O1").click()
    analyst.get_by_text("บันทึกผลเบื้องต้นของข้อ O1 แล้ว").wait_for()
    assert horizontal_overflow(analyst) == 0, "the verdicts page is wider than the phone"

    # สำนักปลัด writes the clarification and sends it.
    staff = sign_in(new_page, live_server, "staff-office", PHONE)
    staff.goto(f"{live_server.url}/assessments/{YEAR}/oit/clarifications/O1/")
    staff.get_by_label("คำชี้แจง").fill("เพิ่มแผนผังฝ่ายการเมืองในหน้าโครงสร้างแล้ว")
    staff.fill("#link_url_1", "https://www.nongprung.go.th/structure#political")
    staff.fill("#link_label_1", "แผนผังฝ่ายการเมือง")
    staff.get_by_role("button", name="บันทึกคำชี้แจง").click()
    staff.get_by_text("บันทึกคำชี้แจงข้อ O1 แล้ว").wait_for()
    staff.get_by_role("button", name="ส่งให้ผู้บริหารพิจารณา").click()
    staff.get_by_text("ส่งคำชี้แจงข้อ O1 ให้ผู้บริหารพิจารณาแล้ว").wait_for()
    assert horizontal_overflow(staff) == 0, "the clarification page is wider than the phone"

    # The mayor finds it from his queue and approves it.
    mayor = sign_in(new_page, live_server, "mayor", PHONE)
    mayor.goto(f"{live_server.url}/assessments/{YEAR}/oit/queue/")
    mayor.get_by_role("link", name="คำชี้แจงผลการประเมินรออนุมัติ 1 ข้อ").click()
    mayor.get_by_role("link", name="O1", exact=False).first.click()
    mayor.get_by_text("เพิ่มแผนผังฝ่ายการเมืองในหน้าโครงสร้างแล้ว").wait_for()
    mayor.get_by_role("button", name="อนุมัติคำชี้แจง O1").click()
    mayor.get_by_text("อนุมัติคำชี้แจงข้อ O1 แล้ว").wait_for()
    screenshot(mayor, "13-mayor-clarification")
    assert Clarification.objects.get(verdict__organization=demo).status == "approved"
