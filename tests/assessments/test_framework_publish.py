"""NACC publishes the official list of a year organizations already use: the items are
mapped (kept, renumbered, merged, new, retired), the operator confirms, and no answer,
item result or measure link is lost."""

import copy

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from assessments import imports, scoring, services
from assessments.errors import AssessmentError
from assessments.matching import MappingError
from assessments.models import Assessment, OITItem, OITItemResult
from oit.models import OITAnswer
from tests.assessments.factories import make_answer, make_framework
from tests.measures.factories import measure as make_measure

YEAR = 2570
# The provisional list organizations started FY 2570 on.
PROVISIONAL = {
    3: {
        "3.1": [("O1", "โครงสร้าง", []), ("O2", "ข้อมูลผู้บริหาร", [])],
        "3.2": [("O3", "แผนดำเนินงานประจำปี", [])],
    },
    4: {
        "4.1": [
            ("O4", "นโยบาย No Gift Policy", []),
            ("O5", "การประเมินความเสี่ยงการทุจริต", []),
            ("O6", "การเปิดโอกาสให้เกิดการมีส่วนร่วม", []),
        ]
    },
}
# NACC's official list: a new O3 pushes the annual plan to O4, O4 and O5 become one O5,
# and O6 is dropped.
OFFICIAL_ITEMS = {
    "3.1": [("O1", "โครงสร้าง"), ("O2", "ข้อมูลผู้บริหาร")],
    "3.2": [("O3", "นโยบายคุ้มครองข้อมูลส่วนบุคคล"), ("O4", "แผนดำเนินงานประจำปี")],
    "4.1": [("O5", "การบริหารความเสี่ยงและนโยบาย No Gift Policy")],
}
MAPPING = {"O4": "O5", "O5": "O5"}
MERGES = ["O5"]


def official_data(framework):
    data = imports.framework_to_data(framework)
    data["provisional"] = False
    for indicator in data["indicators"]:
        for sub in indicator.get("sub_indicators", []):
            sub["items"] = [
                {"code": code, "title": title} for code, title in OFFICIAL_ITEMS[sub["code"]]
            ]
    return data


def item(code):
    return OITItem.objects.in_year(YEAR).get(code=code)


@pytest.fixture
def year_in_use(org, other_org, analyst):
    """FY 2570 on its provisional list, with answers of two organizations, item results
    and measures that name items."""
    framework = make_framework(YEAR, oit=PROVISIONAL)
    framework.provisional = True
    framework.save()
    mine = {code: make_answer(org, framework, code) for code in ("O3", "O4", "O5", "O6")}
    theirs = make_answer(other_org, framework, "O5")
    assessment = Assessment.objects.create(organization=org, framework=framework)
    results = {
        code: OITItemResult.objects.create(assessment=assessment, item=item(code), met=False)
        for code in ("O3", "O4", "O5", "O6")
    }
    both = make_measure(assessment, 4, title="มาตรการความเสี่ยงและของขวัญ")
    both.oit_items.set([item("O4"), item("O5")])
    risk = make_measure(assessment, 4, title="มาตรการประเมินความเสี่ยง")
    risk.oit_items.set([item("O5")])
    plan = make_measure(assessment, 3, title="มาตรการแผนประจำปี")
    plan.oit_items.set([item("O3")])
    return {
        "framework": framework,
        "mine": mine,
        "theirs": theirs,
        "results": results,
        "measures": {"both": both, "risk": risk, "plan": plan},
        "rows": {code: item(code).pk for code in ("O1", "O2", "O3", "O4", "O5", "O6")},
    }


def counts():
    return (OITAnswer.objects.count(), OITItemResult.objects.count(), OITItem.all_objects.count())


def publish(framework, data, mapping=MAPPING, merges=MERGES, **extra):
    plan = services.framework_publish_plan(
        framework=framework, data=data, mapping=mapping, merges=merges
    )
    extra.setdefault("digest", plan.digest)
    extra.setdefault("retiring", plan.retiring)
    return services.framework_publish(
        framework=framework, data=data, mapping=mapping, merges=merges, **extra
    )


def assert_unchanged(setup):
    framework = setup["framework"]
    framework.refresh_from_db()
    assert framework.provisional
    assert [i.code for i in framework.items()] == ["O1", "O2", "O3", "O4", "O5", "O6"]
    for code, answer in setup["mine"].items():
        answer.refresh_from_db()
        assert answer.item_id == setup["rows"][code]
    assert not OITItem.all_objects.filter(retired=True).exists()


def test_the_preview_classifies_every_item_and_counts_what_it_carries(year_in_use):
    framework = year_in_use["framework"]
    plan = services.framework_publish_plan(
        framework=framework, data=official_data(framework), mapping=MAPPING, merges=MERGES
    )
    assert [(o.code, n.code) for o, n in plan.kept] == [("O1", "O1"), ("O2", "O2")]
    assert [(o.code, n.code) for o, n in plan.renumbered] == [("O3", "O4")]
    assert [(n.code, [o.code for o in olds]) for n, olds in plan.merged] == [("O5", ["O4", "O5"])]
    assert [n.code for n in plan.new] == ["O3"]
    assert [o.code for o in plan.retired] == ["O6"]
    o5 = dict(plan.dependents_of(OITItem.objects.get(pk=year_in_use["rows"]["O5"])))
    assert o5 == {"คำตอบ OIT": 2, "ผลการประเมินรายข้อ OIT": 1, "มาตรการ": 2}
    assert plan.retiring == ["O5", "O6"]
    assert counts() == (5, 4, 6)  # the preview writes nothing
    assert year_in_use["framework"].provisional


def test_publishing_the_official_list_keeps_every_answer_result_and_measure(year_in_use):
    framework, rows = year_in_use["framework"], year_in_use["rows"]
    answers_before, results_before, _ = counts()

    result = publish(framework, official_data(framework))

    framework.refresh_from_db()
    assert not framework.provisional
    assert [i.code for i in framework.items()] == ["O1", "O2", "O3", "O4", "O5"]
    assert counts()[:2] == (answers_before, results_before)  # nothing deleted
    mine, results = year_in_use["mine"], year_in_use["results"]
    for record in [*mine.values(), *results.values(), year_in_use["theirs"]]:
        record.refresh_from_db()
    # Renumbered: the same row, now O4, with its answer, result and measure.
    assert item("O4").pk == rows["O3"]
    assert mine["O3"].item.code == "O4" and results["O3"].item.code == "O4"
    assert [i.code for i in year_in_use["measures"]["plan"].oit_items.all()] == ["O4"]
    # Merged: the first row became O5; the other's records moved unless they collide.
    merged = item("O5")
    assert merged.pk == rows["O4"] and merged.title.startswith("การบริหารความเสี่ยง")
    assert mine["O4"].item_id == merged.pk
    assert year_in_use["theirs"].item_id == merged.pk
    assert year_in_use["theirs"].version == 2  # moved through the write contract
    assert mine["O5"].item_id == rows["O5"]  # the same organization answered both
    assert results["O5"].item_id == rows["O5"]
    links = OITItem.all_objects.filter(measures=year_in_use["measures"]["risk"])
    assert list(links.values_list("pk", flat=True)) == [merged.pk]
    left = {(old.code, what, record.pk) for old, what, record in result.left_on_retired}
    assert left == {
        ("O5", "คำตอบ OIT", mine["O5"].pk),
        ("O5", "ผลการประเมินรายข้อ OIT", results["O5"].pk),
        ("O5", "มาตรการ", year_in_use["measures"]["both"].pk),
    }
    # Dropped: the row is retired, not deleted, and still holds its answer and result.
    dropped = OITItem.all_objects.get(pk=rows["O6"])
    assert dropped.retired and dropped.code == "O6"
    assert mine["O6"].item_id == dropped.pk and results["O6"].item_id == dropped.pk
    listed = {row.code: dict(found) for row, found in result.retired}
    assert listed["O6"] == {"คำตอบ OIT": 1, "ผลการประเมินรายข้อ OIT": 1}
    assert listed["O5"] == {"คำตอบ OIT": 1, "ผลการประเมินรายข้อ OIT": 1, "มาตรการ": 1}
    # The new item is a new row.
    assert item("O3").pk not in rows.values()


def test_retired_items_leave_the_year_list_the_progress_and_the_score(year_in_use, login, analyst):
    framework = year_in_use["framework"]
    publish(framework, official_data(framework))
    structured = type(framework).objects.with_structure().get(pk=framework.pk)
    codes = {i.code for i in OITItem.objects.in_year(YEAR)}
    assert codes == {"O1", "O2", "O3", "O4", "O5"}
    assert set(scoring.item_points(structured)) == codes
    listed = [
        i.code
        for indicator in structured.indicators.all()
        for sub in indicator.sub_indicators.all()
        for i in sub.items.all()
    ]
    assert sorted(listed) == sorted(codes)
    page = login(analyst).get(reverse("oit:progress", args=[YEAR]))
    assert page.status_code == 200
    progress = page.context["subs"]
    assert sum(row["total"] for row in progress) == 5


def test_an_unknown_code_in_the_hand_mapping_is_refused_and_changes_nothing(year_in_use):
    framework = year_in_use["framework"]
    with pytest.raises(MappingError, match="ไม่พบข้อ O9"):
        publish(framework, official_data(framework), mapping={**MAPPING, "O9": "O1"})
    with pytest.raises(MappingError, match="ไม่พบข้อ O77"):
        publish(framework, official_data(framework), mapping={**MAPPING, "O6": "O77"})
    assert_unchanged(year_in_use)


def test_two_items_onto_one_without_marking_a_merge_is_refused(year_in_use):
    framework = year_in_use["framework"]
    with pytest.raises(MappingError, match="ให้ทำเครื่องหมาย “รวมข้อ” ที่ข้อ O5"):
        publish(framework, official_data(framework), merges=[])
    assert_unchanged(year_in_use)


def test_a_merge_mark_without_two_old_items_is_refused(year_in_use):
    framework = year_in_use["framework"]
    with pytest.raises(MappingError, match="มีข้อเดิมจับคู่มาไม่ถึงสองข้อ"):
        publish(framework, official_data(framework), mapping={"O4": "O5"}, merges=["O5"])
    assert_unchanged(year_in_use)


def test_retiring_items_with_answers_that_were_not_listed_is_refused(year_in_use):
    framework = year_in_use["framework"]
    with pytest.raises(AssessmentError, match="ข้อ O5, O6 จะเลิกใช้ทั้งที่มีคำตอบ"):
        publish(framework, official_data(framework), retiring=[])
    assert_unchanged(year_in_use)


def test_a_file_changed_after_the_preview_is_refused(year_in_use):
    framework = year_in_use["framework"]
    data = official_data(framework)
    plan = services.framework_publish_plan(
        framework=framework, data=data, mapping=MAPPING, merges=MERGES
    )
    changed = copy.deepcopy(data)
    changed["name"] = "ITA 2570 (แก้ไข)"
    with pytest.raises(AssessmentError, match="ไม่ใช่ไฟล์เดียวกับที่แสดงการจับคู่ไว้"):
        services.framework_publish(
            framework=framework,
            data=changed,
            mapping=MAPPING,
            merges=MERGES,
            digest=plan.digest,
            retiring=plan.retiring,
        )
    assert_unchanged(year_in_use)
    assert framework.name == "ITA 2570"


def test_the_plain_import_still_refuses_to_drop_items_of_a_year_in_use(year_in_use):
    framework = year_in_use["framework"]
    with pytest.raises(AssessmentError, match="หน้าจับคู่ข้อ"):
        services.framework_import(data=official_data(framework))
    assert_unchanged(year_in_use)


def test_the_operator_previews_adjusts_and_confirms_in_the_admin(year_in_use, login, operator):
    framework = year_in_use["framework"]
    client = login(operator)
    url = reverse("admin:assessments_framework_import")
    upload = imports.yaml.safe_dump(official_data(framework), allow_unicode=True).encode()
    from django.core.files.uploadedfile import SimpleUploadedFile

    page = client.post(url, {"file": SimpleUploadedFile("ita-2570.yaml", upload)})
    assert page.status_code == 200
    assert "จับคู่ข้อ OIT ก่อนเผยแพร่กรอบการประเมินปี 2570" in page.content.decode()
    plan = page.context["plan"]
    # By the rules alone: the plan moves on, No Gift Policy is found in the new O5.
    assert [(o.code, n.code) for o, n in plan.renumbered] == [("O3", "O4"), ("O4", "O5")]
    assert [o.code for o in plan.retired] == ["O5", "O6"]
    assert not plan.merged  # nobody marked the merge yet
    assert "คำตอบ OIT 2" in page.content.decode()  # what old O5 carries
    form = {
        "payload": page.context["payload"],
        "digest": plan.digest,
        **{f"map-{code}": choice for code, choice in plan.mapping.items()},
    }

    # Sending O4 and O5 to the new O5 without marking the merge is refused on the page.
    refused = client.post(url, {**form, "map-O4": "O5", "map-O5": "O5", "action": "preview"})
    assert refused.status_code == 200
    assert "ให้ทำเครื่องหมาย “รวมข้อ”" in refused.content.decode()

    adjusted = client.post(
        url, {**form, "map-O4": "O5", "map-O5": "O5", "merge": "O5", "action": "preview"}
    )
    plan = adjusted.context["plan"]
    assert [(n.code, [o.code for o in olds]) for n, olds in plan.merged] == [("O5", ["O4", "O5"])]
    assert framework.items().count() == 6  # still nothing written
    confirm = {
        "payload": adjusted.context["payload"],
        "digest": plan.digest,
        **{f"map-{code}": choice for code, choice in plan.mapping.items()},
        "merge": "O5",
        "retiring": plan.retiring,
        "action": "confirm",
    }

    # A payload from another file with this preview's digest is refused.
    other = official_data(framework)
    other["notes"] = "แก้ไขหลังดูตัวอย่าง"
    from django.core import signing

    from assessments.admin import PUBLISH_SALT

    swapped = client.post(url, {**confirm, "payload": signing.dumps(other, salt=PUBLISH_SALT)})
    assert "ไม่ใช่ไฟล์เดียวกับที่แสดงการจับคู่ไว้" in swapped.content.decode()
    framework.refresh_from_db()
    assert framework.provisional

    done = client.post(url, confirm)
    assert done.status_code == 200
    text = done.content.decode()
    assert "เป็นฉบับทางการแล้ว" in text
    assert "O6 การเปิดโอกาสให้เกิดการมีส่วนร่วม" in text  # the retired item, listed
    framework.refresh_from_db()
    assert not framework.provisional
    assert [i.code for i in framework.items()] == ["O1", "O2", "O3", "O4", "O5"]
    year_in_use["mine"]["O3"].refresh_from_db()
    assert year_in_use["mine"]["O3"].item.code == "O4"
    # The retired item still has its page in the admin.
    retired = OITItem.all_objects.get(pk=year_in_use["rows"]["O6"])
    change = client.get(reverse("admin:assessments_oititem_change", args=[retired.pk]))
    assert change.status_code == 200


def test_the_command_prints_the_mapping_and_applies_only_with_confirm(year_in_use, tmp_path):
    framework = year_in_use["framework"]
    data = official_data(framework)
    data["indicators"][3]["sub_indicators"][0]["items"] = [
        {"code": "O5", "title": "นโยบาย No Gift Policy"}
    ]  # O4 renumbered to O5; O5 and O6 dropped
    path = tmp_path / "ita-2570.yaml"
    path.write_text(imports.yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    from io import StringIO

    out = StringIO()
    with pytest.raises(CommandError, match="--confirm"):
        call_command("import_framework", str(path), stdout=out)
    printed = out.getvalue()
    assert "O3 → O4" in printed and "O4 → O5" in printed
    assert "เลิกใช้" in printed and "O6" in printed
    assert_unchanged(year_in_use)

    out = StringIO()
    call_command("import_framework", str(path), "--confirm", stdout=out)
    assert "ฉบับทางการ" in out.getvalue()
    assert [i.code for i in framework.items()] == ["O1", "O2", "O3", "O4", "O5"]
    assert OITItem.all_objects.get(pk=year_in_use["rows"]["O6"]).retired


def test_a_code_shared_by_a_retired_and_a_current_item_opens_the_current_one(
    year_in_use, login, analyst
):
    framework = year_in_use["framework"]
    mine = year_in_use["mine"]
    OITAnswer.objects.filter(pk=mine["O6"].pk).update(status=OITAnswer.Status.APPROVED)
    publish(framework, official_data(framework))
    from oit.public import public_oit_answers

    page = login(analyst).get(reverse("oit:answer", args=[YEAR, "O5"]))
    assert page.status_code == 200
    assert page.context["answer"].pk == mine["O4"].pk  # not the answer left on retired O5
    assert public_oit_answers(analyst.organization, YEAR) == []  # O6's approval is retired
