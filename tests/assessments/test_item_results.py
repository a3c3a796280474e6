"""OIT item results: recorded in one page, followed through to indicators 9 and 10, and
the failed items ranked by the points of the total they cost."""

import re
from decimal import Decimal

from django.urls import reverse

from assessments.models import Assessment, OITItemResult
from assessments.services import ItemResultInput, item_results_save, scores_save
from tests.assessments.seed import SEED_2565

MET_2565 = {"O1", "O2", "O3", "O4", "O5", "O6", "O7", "O10", "O14", "O18", "O22", "O25",
            "O29", "O30", "O34", "O39"}  # fmt: skip


def page_version():
    """The version of the FY 2565 assessment the results page shows now."""
    return str(Assessment.objects.get(year=2565, organization__slug="thotsop").version)


def all_items_data(framework, met=MET_2565, reasons=None):
    data = {"version": page_version()}
    for item in framework.items():
        data[f"met_{item.code}"] = "1" if item.code in met else "0"
        data[f"reason_{item.code}"] = (reasons or {}).get(item.code, "")
    return data


def url():
    return reverse("assessments:item_results", args=[2565])


def test_recording_every_item_recomputes_indicators_9_and_10(login, analyst, scored2565, fw2565):
    client = login(analyst)
    # Start from different typed scores: the item results replace them.
    scores_save(assessment=scored2565, scores={9: Decimal("50")}, version=scored2565.version)
    data = all_items_data(fw2565, reasons={"O42": "ไม่พบมาตรการบนเว็บไซต์หลัก"})
    response = client.post(url(), data)
    assert response.status_code == 302
    assessment = Assessment.objects.with_results().get(pk=scored2565.pk)
    by_number = {s.indicator.number: s for s in assessment.scores.all()}
    assert (by_number[9].score, by_number[9].source) == (Decimal("39.27"), "oit_items")
    assert (by_number[10].score, by_number[10].source) == (Decimal("12.50"), "oit_items")
    assert assessment.total == Decimal("60.61")
    assert OITItemResult.objects.get(assessment=assessment, item__code="O42").reason == (
        "ไม่พบมาตรการบนเว็บไซต์หลัก"
    )
    page = client.get(url()).content.decode()
    assert "คำนวณจากผลรายข้อ" in page
    assert "บันทึกเป็นคะแนนของตัวชี้วัดนั้น" in page


def test_the_page_ranks_failed_items_by_the_points_they_cost(login, analyst, scored2565, fw2565):
    client = login(analyst)
    client.post(url(), all_items_data(fw2565))
    response = client.get(url())
    failed = response.context["failed"]
    assert [r["item"].code for r in failed[:2]] == ["O42", "O43"]
    assert [r["points"] for r in failed[:3]] == [Decimal("5.00"), Decimal("5.00"), Decimal("1.25")]
    assert failed[-1]["item"].code == "O9" and failed[-1]["points"] == Decimal("0.44")
    assert len(failed) == 43 - len(MET_2565)
    assert response.context["what_if"].total == Decimal("90.26")
    assert response.context["what_if"].label == "A"
    page = response.content.decode()
    assert "−5.00" in page and "90.26" in page


def test_the_points_lost_are_the_all_met_total_less_the_total(login, mayor, scored2565, fw2565):
    results = {item.code: ItemResultInput(met=item.code in MET_2565) for item in fw2565.items()}
    item_results_save(assessment=scored2565, results=results, version=scored2565.version)
    response = login(mayor).get(url())
    # 90.26 − 60.61; the 27 failed items' rounded points would add up to 29.63.
    assert response.context["lost"] == Decimal("29.65")
    assert sum(r["points"] for r in response.context["failed"]) == Decimal("29.63")
    page = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))
    assert "รวมคะแนนที่เสียไป 29.65 คะแนนจากคะแนนรวม" in page


def test_the_points_lost_wait_for_a_complete_total(login, mayor, assessment2565):
    scores_save(
        assessment=assessment2565, scores={1: Decimal("80")}, version=assessment2565.version
    )
    item_results_save(
        assessment=assessment2565,
        results={"O42": ItemResultInput(met=False)},
        version=assessment2565.version,
    )
    response = login(mayor).get(url())
    assert [r["item"].code for r in response.context["failed"]] == ["O42"]
    assert response.context["lost"] is None
    assert "คะแนนที่เสียไปรวมจะแสดงเมื่อมีคะแนนครบทุกตัวชี้วัด" in response.content.decode()


def test_every_item_shows_its_points_even_without_results(login, mayor, scored2565):
    response = login(mayor).get(url())
    assert response.status_code == 200
    rows = {r["item"].code: r for g in response.context["groups"]
            for s in g["subs"] for r in s["rows"]}  # fmt: skip
    assert rows["O1"]["points"] == Decimal("0.44") and rows["O1"]["met"] is None
    assert rows["O42"]["points"] == Decimal("5.00")
    assert response.context["form"] is None  # the executive reads only


def test_partial_results_leave_the_typed_indicator_score(login, analyst, scored2565):
    data = {"met_O42": "0", "met_O43": "0", "version": page_version()}
    login(analyst).post(url(), data)
    assessment = Assessment.objects.with_results().get(pk=scored2565.pk)
    assert {s.indicator.number: s.source for s in assessment.scores.all()}[10] == "entered"
    assert assessment.item_results.count() == 2


def test_clearing_a_result_deletes_it(login, analyst, scored2565, fw2565):
    client = login(analyst)
    client.post(url(), all_items_data(fw2565))
    data = all_items_data(fw2565)  # the page as it is after the first save
    data["met_O1"] = ""
    client.post(url(), data)
    assert not scored2565.item_results.filter(item__code="O1").exists()
    assert scored2565.item_results.count() == 42


def test_staff_may_not_record_results(login, staff_office, scored2565, fw2565):
    response = login(staff_office).post(url(), all_items_data(fw2565))
    assert response.status_code == 403
    assert not OITItemResult.objects.exists()
    assert {s.indicator.number: str(s.score) for s in scored2565.scores.all()} == SEED_2565


def test_the_admin_edits_recommendations_and_the_analysis(login, analyst, scored2565):
    client = login(analyst)
    url = reverse("assessments:analysis", args=[2565])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "recommendations": "ข้อเสนอแนะของ ป.ป.ช.",
            "IIT_to_improve": "สร้างการรับรู้ให้บุคลากร",
            "OIT_to_fix": "เปิดเผยข้อมูลให้ครบ",
            "OIT_to_maintain": "",
            "version": page_version(),
        },
    )
    assert response.status_code == 302
    scored2565.refresh_from_db()
    assert scored2565.recommendations == "ข้อเสนอแนะของ ป.ป.ช."
    analyses = {a.instrument.code: a for a in scored2565.analyses.all()}
    assert analyses["IIT"].to_improve == "สร้างการรับรู้ให้บุคลากร"
    assert analyses["OIT"].to_fix == "เปิดเผยข้อมูลให้ครบ"
    page = client.get(reverse("assessments:detail", args=[2565])).content.decode()
    assert "เปิดเผยข้อมูลให้ครบ" in page and "ข้อเสนอแนะของ ป.ป.ช." in page


def test_the_executive_may_not_edit_the_analysis(login, mayor, scored2565):
    client = login(mayor)
    url = reverse("assessments:analysis", args=[2565])
    assert client.get(url).status_code == 403
    assert client.post(url, {"recommendations": "x"}).status_code == 403


def test_each_item_shows_its_stored_result_checked_and_a_refused_form_keeps_the_choices(
    login, analyst, scored2565, fw2565
):
    client = login(analyst)
    client.post(url(), all_items_data(fw2565))
    page = client.get(url()).content.decode()

    def checked(page, code):
        return re.findall(
            rf'<input type="radio" name="met_{code}" value="([01]?)"[^>]*checked', page
        )

    assert checked(page, "O1") == ["1"] and checked(page, "O42") == ["0"]
    assert (
        'id="id_met_O42_2"' in page
        and '<label class="form-check-label" for="id_met_O42_2">ไม่ผ่าน' in page
    )

    # Refused (a reason too long): the page comes back with what was chosen, not what is stored.
    data = all_items_data(fw2565, reasons={"O2": "ก" * 2001})
    data["met_O1"], data["met_O42"] = "0", ""
    refused = client.post(url(), data)
    assert refused.status_code == 200
    page = refused.content.decode()
    assert checked(page, "O1") == ["0"] and checked(page, "O42") == [""]
