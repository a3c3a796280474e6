"""NACC's published total and level, recorded on the scores page and checked against the
total computed from the indicator scores on the dashboard and the year's page."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from assessments import services
from assessments.models import Assessment
from tests.assessments.seed import SEED_2565, decimals


def text(response):
    """The page as a reader sees it: tags dropped, spaces collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def publish(assessment, total="60.61", level="D"):
    services.published_result_save(
        assessment=assessment,
        total=None if total is None else Decimal(total),
        level=level,
        version=assessment.version,
    )


def sent(assessment, **fields):
    """The published form's data as the scores page sends it: with the stored version."""
    return fields | {"version": Assessment.objects.get(pk=assessment.pk).version}


def url(year=2565):
    return reverse("assessments:published", args=[year])


PAGES = [reverse("assessments:dashboard"), reverse("assessments:detail", args=[2565])]


def test_the_admin_records_the_published_result_in_thai_digits(login, analyst, scored2565):
    client = login(analyst)
    scores_page = client.get(reverse("assessments:scores", args=[2565])).content.decode()
    assert f'action="{url()}"' in scores_page and 'name="published_total"' in scores_page
    response = client.post(
        url(), sent(scored2565, **{"published_total": "๖๐.๖๑", "published_level": " D "})
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("assessments:detail", args=[2565])
    scored2565.refresh_from_db()
    assert (scored2565.published_total, scored2565.published_level) == (Decimal("60.61"), "D")
    again = client.get(reverse("assessments:scores", args=[2565])).content.decode()
    assert 'value="60.61"' in again  # the form shows what is recorded


@pytest.mark.parametrize("page", PAGES)
def test_a_total_that_matches_the_published_one_says_so(login, mayor, scored2565, page):
    publish(scored2565)
    response = login(mayor).get(page)
    assert 'data-published-check="matches"' in response.content.decode()
    assert "ตรงกับผลที่ ป.ป.ช. ประกาศ 60.61 ระดับ D" in text(response)
    assert "ต่างจากที่ ป.ป.ช. ประกาศ" not in text(response)


@pytest.mark.parametrize("page", PAGES)
def test_a_typing_slip_shows_both_totals_and_the_difference(login, mayor, scored2565, page):
    # The seed's analysis table prints 88.52 for indicator 6 (weight 10 %): 0.01 of the total.
    services.scores_save(
        assessment=scored2565, scores={6: Decimal("88.52")}, version=scored2565.version
    )
    publish(scored2565)
    response = login(mayor).get(page)
    assert 'data-published-check="differs"' in response.content.decode()
    assert (
        "คะแนนที่คำนวณได้ 60.62 ต่างจากที่ ป.ป.ช. ประกาศ 60.61 อยู่ 0.01 คะแนน กรุณาตรวจคะแนนรายตัวชี้วัด"
    ) in text(response)


def test_a_computed_total_below_the_published_one_shows_a_positive_difference(
    login, mayor, scored2565
):
    services.scores_save(
        assessment=scored2565, scores={6: Decimal("87.42")}, version=scored2565.version
    )
    publish(scored2565)
    page = text(login(mayor).get(reverse("assessments:dashboard")))
    assert "คะแนนที่คำนวณได้ 60.51 ต่างจากที่ ป.ป.ช. ประกาศ 60.61 อยู่ 0.10 คะแนน" in page


def test_a_different_level_is_named_even_when_the_totals_agree(login, mayor, scored2565):
    publish(scored2565, level="C")
    response = login(mayor).get(reverse("assessments:detail", args=[2565]))
    page = text(response)
    assert "ระดับที่คำนวณได้ D ต่างจากที่ ป.ป.ช. ประกาศ C" in page
    assert "คะแนนที่คำนวณได้" not in page
    assert 'data-published-check="differs"' in response.content.decode()


def test_an_incomplete_year_waits_for_every_score_before_comparing(login, mayor, assessment2565):
    services.scores_save(
        assessment=assessment2565, scores={1: Decimal("86.52")}, version=assessment2565.version
    )
    publish(assessment2565)
    response = login(mayor).get(reverse("assessments:detail", args=[2565]))
    assert 'data-published-check="incomplete"' in response.content.decode()
    assert "จะตรวจเทียบได้เมื่อมีคะแนนครบทุกตัวชี้วัด" in text(response)


def test_without_a_published_result_the_pages_compare_nothing(login, mayor, scored2565):
    for page in PAGES:
        assert "data-published-check" not in login(mayor).get(page).content.decode()


@pytest.mark.parametrize(
    "value, message",
    [
        ("100.01", "ค่าต้องไม่เกิน 100"),
        ("-0.01", "ค่าต้องไม่น้อยกว่า 0"),
        ("หกสิบ", "กรุณากรอกตัวเลข"),
        ("60.611", "ทศนิยมได้ไม่เกิน 2 ตำแหน่ง"),
    ],
)
def test_a_bad_published_total_is_refused_with_the_typed_text_kept(
    login, analyst, scored2565, value, message
):
    publish(scored2565)
    response = login(analyst).post(
        url(), sent(scored2565, **{"published_total": value, "published_level": "C"})
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page and f'value="{value}"' in page and 'value="C"' in page
    scored2565.refresh_from_db()
    assert (scored2565.published_total, scored2565.published_level) == (Decimal("60.61"), "D")


def test_clearing_both_fields_forgets_the_published_result(login, analyst, scored2565):
    publish(scored2565)
    response = login(analyst).post(
        url(), sent(scored2565, **{"published_total": "", "published_level": ""})
    )
    assert response.status_code == 302
    scored2565.refresh_from_db()
    assert (scored2565.published_total, scored2565.published_level) == (None, "")
    assert scored2565.published_check is None


def test_the_service_refuses_a_total_out_of_range_whatever_the_caller(scored2565):
    with pytest.raises(services.AssessmentError, match="ระหว่าง 0 ถึง 100"):
        publish(scored2565, total="100.5")
    with pytest.raises(services.AssessmentError, match="ทศนิยม"):
        publish(scored2565, total="60.615")
    scored2565.refresh_from_db()
    assert scored2565.published_total is None


@pytest.mark.parametrize("user", ["mayor", "staff_office"])
def test_only_the_agency_admin_records_the_published_result(request, login, scored2565, user):
    client = login(request.getfixturevalue(user))
    response = client.post(
        url(), sent(scored2565, **{"published_total": "50", "published_level": "F"})
    )
    assert response.status_code == 403
    assert Assessment.objects.get(pk=scored2565.pk).published_total is None


def test_the_public_json_adds_the_published_result_and_keeps_the_computed_total(client, scored2565):
    services.scores_save(
        assessment=scored2565,
        scores=decimals({**SEED_2565, 6: "88.52"}),
        version=scored2565.version,
    )
    publish(scored2565)
    from datetime import date

    services.assessment_make_public(
        assessment=scored2565, on=date(2022, 9, 30), version=scored2565.version
    )
    org = scored2565.organization
    data = client.get(reverse("public:ita_json", args=[org.slug, 2565])).json()
    assert data["total"] == "60.62"
    assert data["published"] == {"total": "60.61", "level": "D"}
    assert list(data)[-2:] == ["published", "public_on"]


def test_a_stale_published_form_is_a_conflict_that_keeps_what_was_typed(login, analyst, scored2565):
    stale = Assessment.objects.get(pk=scored2565.pk).version
    publish(scored2565, total="60.61", level="D")  # someone else, meanwhile
    response = login(analyst).post(
        url(), {"published_total": "61.00", "published_level": "C", "version": stale}
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert 'value="61.00"' in page and 'value="C"' in page and 'id="conflict"' in page
    scored2565.refresh_from_db()
    assert (scored2565.published_total, scored2565.published_level) == (Decimal("60.61"), "D")
