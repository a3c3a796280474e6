"""The link checker against a local server of the tests' own: one verdict per case."""

import pytest

from itaportal import linkcheck
from tests.linkserver import Handler, serve

OWN = ["127.0.0.1"]


@pytest.fixture
def site(settings):
    settings.LINKCHECK_ALLOW_PRIVATE = True
    settings.LINKCHECK_TIMEOUT = 1
    settings.LINKCHECK_MAX_BYTES = 1024 * 1024
    with serve() as base:
        yield base


def verdict(site, path, years=(2570,)):
    return linkcheck.check(site + path, domains=OWN, years=years)


def test_a_page_of_the_year_on_the_own_website_is_ok(site):
    result = verdict(site, "/ok")
    assert result.verdict == "ok"
    assert result.message == "ใช้ได้"
    assert result.status == 200
    assert result.title == "ประกาศผลการจัดซื้อจัดจ้าง ปี 2570"
    assert result.content_type == "text/html"
    assert result.size > 100


def test_the_year_in_thai_digits_counts(site):
    assert verdict(site, "/ok-thai-digits").verdict == "ok"


def test_a_page_without_the_year_is_period_missing_in_thai(site):
    result = verdict(site, "/no-year")
    assert result.verdict == "period_missing"
    assert "๒๕๗๐" in result.message and "2570" in result.message
    assert result.level == "warning"


def test_a_404_is_broken(site):
    result = verdict(site, "/gone")
    assert (result.verdict, result.status) == ("broken", 404)
    assert "404" in result.message


def test_a_server_error_is_broken(site):
    assert (verdict(site, "/error").verdict, verdict(site, "/error").status) == ("broken", 500)


def test_a_not_found_page_answering_200_is_a_soft_404(site):
    result = verdict(site, "/soft-404")
    assert (result.verdict, result.status) == ("soft_404", 200)
    assert "ไม่พบหน้า" in result.message


def test_a_link_that_lands_on_the_homepage_is_homepage(site):
    result = verdict(site, "/moved-home")
    assert result.verdict == "homepage"
    assert result.final_url == site + "/"


def test_a_redirect_to_another_website_is_off_domain(site):
    result = verdict(site, "/off-site")
    assert result.verdict == "off_domain"
    assert result.final_url.startswith("http://localhost:")
    assert "localhost" in result.message


def test_a_link_to_another_website_itself_is_off_domain(site):
    other = site.replace("127.0.0.1", "localhost")
    assert verdict(other, "/ok").verdict == "off_domain"


def test_a_login_wall_is_login(site):
    result = verdict(site, "/members-only")
    assert result.verdict == "login"
    assert "เข้าสู่ระบบ" in result.message


def test_a_pdf_link_returning_html_is_wrong_type(site):
    result = verdict(site, "/plan.pdf")
    assert result.verdict == "wrong_type"
    assert result.message == "ชนิดไฟล์ไม่ตรง: ลิงก์เป็น ไฟล์ PDF แต่ได้ หน้าเว็บ HTML"


def test_a_pdf_is_read_for_its_year(site):
    assert verdict(site, "/report.pdf").verdict == "ok"
    old = verdict(site, "/old-report.pdf")
    assert (old.verdict, old.content_type) == ("period_missing", "application/pdf")


def test_an_encrypted_pdf_is_unreadable_not_a_crash(site):
    result = verdict(site, "/locked.pdf")
    assert result.verdict == "unreadable"
    assert "เข้ารหัส" in result.message


def test_a_broken_pdf_is_broken(site):
    result = verdict(site, "/broken.pdf")
    assert result.verdict == "broken"
    assert "PDF เสีย" in result.message


def test_a_tis_620_page_is_decoded(site):
    result = verdict(site, "/tis-620")
    assert result.verdict == "ok"
    assert result.title == "ประกาศรายงานผลการจัดซื้อจัดจ้าง"


def test_a_windows_874_page_that_names_its_charset_only_in_html_is_decoded(site):
    result = verdict(site, "/windows-874-no-header")
    assert (result.verdict, result.title) == ("ok", "รายงานผลการดำเนินงาน")


def test_a_slow_page_times_out_with_a_thai_message(site):
    result = verdict(site, "/slow")
    assert result.verdict == "broken"
    assert "หมดเวลา" in result.message


def test_a_page_sent_a_byte_at_a_time_meets_the_overall_deadline(site):
    result = verdict(site, "/drip")  # 20 s of bytes; the deadline is 3 × the 1 s timeout
    assert result.verdict == "broken"
    assert "หมดเวลา" in result.message


def test_a_failure_inside_the_checker_is_a_verdict_not_a_crash(site, monkeypatch):
    monkeypatch.setattr(linkcheck, "sniff", lambda *a: 1 / 0)
    result = verdict(site, "/ok")
    assert result.verdict == "broken"
    assert "ระบบตรวจลิงก์นี้ไม่สำเร็จ (ZeroDivisionError)" in result.message


def test_a_page_announcing_500_mb_is_not_downloaded(site):
    result = verdict(site, "/huge")
    assert result.verdict == "too_large"
    assert result.size == 500 * 1024 * 1024
    assert len(result.body) == 0


def test_a_page_streaming_without_end_stops_at_the_limit(site):
    result = verdict(site, "/endless")
    assert result.verdict == "too_large"
    assert len(result.body) == 1024 * 1024


def test_a_redirect_loop_is_broken(site):
    result = verdict(site, "/loop-a")
    assert result.verdict == "broken"
    assert "วนซ้ำ" in result.message


def test_a_non_html_non_pdf_response_is_unreadable(site):
    result = verdict(site, "/picture")
    assert (result.verdict, result.content_type) == ("unreadable", "image/png")


def test_an_unknown_host_is_broken(site):
    result = linkcheck.check("http://no-such-host.invalid/page", domains=["invalid"])
    assert result.verdict == "broken"
    assert "DNS" in result.message


def test_without_domains_the_domain_rule_is_not_applied(site):
    assert linkcheck.check(site + "/off-site", years=[2570]).verdict == "ok"


def test_it_names_the_portal_in_its_user_agent(site):
    verdict(site, "/ok")
    assert Handler.user_agents[-1].startswith("ITA-Portal-LinkChecker/")


def test_loopback_is_refused_without_the_setting(settings):
    settings.LINKCHECK_ALLOW_PRIVATE = False
    with serve() as base:
        result = linkcheck.check(base + "/ok", domains=OWN)
    assert result.verdict == "refused"
    assert result.status is None
    assert "127.0.0.1" in result.message
    assert Handler.user_agents == []  # nothing was fetched


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost/",
        "http://10.1.2.3/",
        "http://192.168.1.1/admin",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://[fd00:ec2::254]/",
        "http://100.64.0.1/",
        "http://0.0.0.0/",
    ],
)
def test_private_addresses_are_refused(settings, url):
    settings.LINKCHECK_ALLOW_PRIVATE = False
    assert linkcheck.check(url).verdict == "refused"


def test_a_redirect_into_a_private_address_is_refused(settings, monkeypatch):
    # The first hop (the test server) passes; the metadata address it redirects to does not.
    settings.LINKCHECK_ALLOW_PRIVATE = False
    real = linkcheck._blocked
    monkeypatch.setattr(linkcheck, "_blocked", lambda a: a != "127.0.0.1" and real(a))
    with serve() as base:
        result = linkcheck.check(base + "/to-metadata", domains=OWN)
    assert result.verdict == "refused"
    assert result.final_url == "http://169.254.169.254/latest/meta-data/"
    assert "169.254.169.254" in result.message


def test_a_link_that_is_no_web_address_is_broken():
    assert linkcheck.check("ftp://example.com/file").verdict == "broken"
    assert linkcheck.check("javascript:alert(1)").verdict == "broken"
