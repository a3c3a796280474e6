"""Frameworks as data: the shipped files, import, copy, and what a year in use refuses."""

import copy
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from assessments import imports, services
from assessments.errors import AssessmentError, ImportRefused
from assessments.models import Framework, OITItem

ROOT = Path(__file__).resolve().parents[2]


def data_of(year):
    return imports.read_framework_file((ROOT / f"fixtures/ita-{year}.yaml").read_bytes())


def test_loading_the_frameworks_twice_changes_nothing(frameworks):
    call_command("load_frameworks", verbosity=0)
    assert Framework.objects.count() == 5
    # FY 2567: the items known so far; 2568 and 2569: the lists rebuilt from fragments
    assert OITItem.objects.count() == 43 + 43 + 6 + 26 + 26


def test_the_provisional_files_import_with_their_gaps_listed(db):
    for year in (2568, 2569):
        call_command("import_framework", str(ROOT / f"fixtures/provisional/ita-{year}.yaml"))
        framework = Framework.objects.get(year=year)
        assert framework.provisional
        assert framework.items().count() == 26
        assert "ยังไม่ทราบ" in framework.notes
        assert "O2" in framework.notes
    assert "O5, O7" in Framework.objects.get(year=2568).notes


def test_an_export_reimports_to_the_same_framework(fw2565):
    exported = imports.framework_to_data(fw2565)
    assert exported == imports.framework_to_data(services.framework_import(data=exported)[0])
    assert exported["indicators"][8]["sub_indicators"][0]["items"][0]["required_elements"]


def test_a_file_with_errors_is_refused_with_thai_messages_and_nothing_saved(db):
    data = data_of(2565)
    data["year"] = 2570
    data["indicators"][0]["weight"] = "abc"
    data["indicators"][1]["instrument"] = "XYZ"
    data["indicators"][9]["sub_indicators"][0]["items"].append({"code": "O42", "title": "ซ้ำ"})
    with pytest.raises(ImportRefused) as refused:
        services.framework_import(data=data)
    text = "\n".join(refused.value.messages)
    assert "น้ำหนักของตัวชี้วัดที่ 1: ต้องเป็นตัวเลข" in text
    assert "ตัวชี้วัดที่ 2: เครื่องมือ XYZ ไม่อยู่ในรายการ instruments" in text
    assert "ข้อ O42: รหัสข้อซ้ำ" in text
    assert not Framework.objects.filter(year=2570).exists()


def test_weights_must_add_up_to_100(db):
    data = data_of(2565)
    data["indicators"][0]["weight"] = "7"
    with pytest.raises(ImportRefused) as refused:
        services.framework_import(data=data)
    assert any("รวมกันต้องเท่ากับ 100" in m for m in refused.value.messages)


def test_a_year_nobody_uses_may_drop_items(fw2566):
    data = data_of(2566)
    data["indicators"][9]["sub_indicators"][1]["items"].pop()  # O43
    services.framework_import(data=data)
    assert not fw2566.items().filter(code="O43").exists()
    assert fw2566.items().count() == 42


def test_an_import_that_drops_items_of_a_year_in_use_is_refused(assessment2565, fw2565):
    data = data_of(2565)
    data["indicators"][9]["sub_indicators"][1]["items"].pop()  # O43
    data["indicators"].pop(3)  # indicator 4 (its 6 % moved to indicator 5)
    data["indicators"][3]["weight"] = "12"
    data["name"] = "ชื่อใหม่"
    with pytest.raises(AssessmentError) as refused:
        services.framework_import(data=data)
    text = "\n".join(refused.value.messages)
    assert "มีผลการประเมินของหน่วยงานใช้อยู่" in text
    assert "ข้อ O43" in text and "ตัวชี้วัดที่ 4" in text
    fw2565.refresh_from_db()
    assert fw2565.name != "ชื่อใหม่"  # nothing changed, not even the name
    assert fw2565.items().count() == 43


def test_a_year_in_use_may_still_be_renamed_and_reweighted(assessment2565, fw2565):
    data = data_of(2565)
    data["indicators"][0]["name"] = "การปฏิบัติหน้าที่ (แก้ไข)"
    data["indicators"][9]["sub_indicators"][1]["items"][0]["title"] = "มาตรการฯ (แก้ไข)"
    services.framework_import(data=data)
    assert fw2565.indicators.get(number=1).name == "การปฏิบัติหน้าที่ (แก้ไข)"
    assert fw2565.items().get(code="O42").title == "มาตรการฯ (แก้ไข)"


def test_the_import_command_refuses_in_thai_and_changes_nothing(assessment2565, tmp_path):
    data = copy.deepcopy(data_of(2565))
    data["indicators"][8]["sub_indicators"].pop(0)  # 9.1 and its nine items
    path = tmp_path / "ita-2565.yaml"
    path.write_text(imports.yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CommandError, match="ไม่มี ตัวชี้วัดย่อย 9.1"):
        call_command("import_framework", str(path), "--confirm")
    assert Framework.objects.get(year=2565).items().count() == 43


def test_the_import_command_reports_a_broken_file(db, tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("year: [2568\n", encoding="utf-8")
    with pytest.raises(CommandError, match="รูปแบบ YAML ไม่ถูกต้อง"):
        call_command("import_framework", str(path))


def test_a_framework_is_copied_to_a_new_year_as_provisional(fw2566):
    new = services.framework_copy(framework=fw2566, year=2570)
    assert new.year == 2570 and new.provisional
    assert new.items().count() == 43
    assert [b.label for b in new.rating_bands.order_by("order")][:2] == ["ผ่านดีเยี่ยม", "ผ่านดี"]
    assert "2570" in new.name
    with pytest.raises(AssessmentError, match="มีกรอบการประเมินปี 2570 อยู่แล้ว"):
        services.framework_copy(framework=fw2566, year=2570)


def test_a_framework_in_use_cannot_be_deleted(assessment2565, fw2565, fw2566):
    with pytest.raises(AssessmentError, match="ลบ กรอบการประเมินปี 2565 ไม่ได้"):
        services.framework_delete(framework=fw2565)
    services.framework_delete(framework=fw2566)
    years = Framework.objects.order_by("year").values_list("year", flat=True)
    assert list(years) == [2565, 2567, 2568, 2569]


def items_of(data):
    return {
        item["code"]: item
        for indicator in data["indicators"]
        for sub in indicator.get("sub_indicators", [])
        for item in sub["items"]
    }


def test_elements_keep_their_confidence_and_source_through_export_and_import(fw2566):
    exported = imports.framework_to_data(fw2566)
    o1 = items_of(exported)["O1"]
    assert o1["elements_confidence"] == "confirmed"
    assert "อปท." in o1["elements_source"]
    assert len(o1["required_elements"]) == 3
    assert "elements_confidence" not in items_of(exported)["O4"]  # unknown is the default

    exported["year"] = 2570
    copy, _ = services.framework_import(data=exported)
    again = imports.framework_to_data(copy)
    assert items_of(again) == items_of(exported)
    item = copy.items().get(code="O31")
    assert item.elements_confidence == OITItem.Confidence.ONE_SOURCE
    assert item.evidence_period == "ประกาศสำหรับปี พ.ศ. 2566"
    assert copy.items().get(code="O4").elements_confidence == OITItem.Confidence.UNKNOWN


def test_an_edited_confidence_in_the_file_updates_the_year_in_place(fw2566):
    data = data_of(2566)
    o31 = items_of(data)["O31"]
    o31["elements_confidence"] = "confirmed"
    o31["elements_source"] = "คู่มือการประเมินของสำนักงาน ป.ป.ช."
    services.framework_import(data=data)
    item = fw2566.items().get(code="O31")
    assert (item.elements_confidence, item.elements_source) == (
        "confirmed",
        "คู่มือการประเมินของสำนักงาน ป.ป.ช.",
    )


def test_a_file_with_an_unknown_confidence_or_item_list_state_is_refused(db):
    data = data_of(2566)
    items_of(data)["O1"]["elements_confidence"] = "sure"
    data["items_complete"] = "maybe"
    with pytest.raises(imports.ImportRefused) as refused:
        services.framework_import(data=data)
    text = "\n".join(refused.value.messages)
    assert "ข้อ O1: elements_confidence ต้องเป็น confirmed, one_source, unknown" in text
    assert "items_complete: ต้องเป็น true" in text
    assert not Framework.objects.exists()
