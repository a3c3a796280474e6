"""Which OIT item of last year is which item of the new year (assessments/matching.py)."""

from types import SimpleNamespace

import pytest

from assessments.matching import MappingError, match_items, normalize_title, title_similarity
from tests.trust.helpers import is_thai


def items(*rows):
    return [SimpleNamespace(code=code, number=int(code[1:]), title=title) for code, title in rows]


OLD = items(
    ("O1", "โครงสร้าง"),
    ("O12", "รายงานผลการดำเนินงานประจำปี 2568"),
    ("O13", "หลักเกณฑ์การบริหารและพัฒนาทรัพยากรบุคคล"),
    ("O14", "E-Service"),
    ("O15", "ช่องทางการรับฟังความคิดเห็น"),
)
NEW = items(
    ("O1", "โครงสร้างและอำนาจหน้าที่"),
    ("O12", "รายงานผลการดำเนินงานประจำปี 2569"),
    ("O13", "นโยบายคุ้มครองข้อมูลส่วนบุคคล"),  # new, takes O13's old number
    ("O14", "หลักเกณฑ์การบริหารและพัฒนาทรัพยากรบุคคล"),  # old O13, renumbered
    ("O15", "ระบบการให้บริการผ่านช่องทางออนไลน์ (E-Service)"),
)


def pairs(matching):
    return {m.source.code: (m.target.code, m.how) for m in matching.pairs}


def test_a_renumbered_item_with_the_same_title_is_found_under_its_new_code():
    matching = match_items(OLD, NEW)
    assert pairs(matching)["O13"] == ("O14", "title")
    # the new item that took the old number is not mistaken for it
    assert [i.code for i in matching.unmatched_target] == ["O13"]


def test_titles_are_compared_without_years_spaces_or_digit_style():
    assert normalize_title("รายงานผล ประจำปี พ.ศ. ๒๕๖๘") == normalize_title("รายงานผลประจำปี 2569")
    assert pairs(match_items(OLD, NEW))["O12"] == ("O12", "title")


def test_a_reworded_item_keeps_its_code_and_a_title_found_inside_another_matches():
    found = pairs(match_items(OLD, NEW))
    assert found["O1"] == ("O1", "code")
    assert found["O14"] == ("O15", "similar")


def test_what_has_no_counterpart_stays_unmatched_on_both_sides():
    matching = match_items(OLD, NEW)
    assert [i.code for i in matching.unmatched_source] == ["O15"]
    assert matching.codes() == {"O1": "O1", "O12": "O12", "O13": "O14", "O14": "O15"}


def test_similarity_is_high_for_near_titles_and_low_for_others():
    assert title_similarity("นโยบายการบริหารทรัพยากรบุคคล", "นโยบายหรือแผนการบริหารทรัพยากรบุคคล") > 0.8
    assert title_similarity("โครงสร้าง", "ข่าวประชาสัมพันธ์") < 0.3
    assert title_similarity("", "โครงสร้าง") == 0


def test_the_admin_maps_the_rest_by_hand():
    matching = match_items(OLD, NEW, manual={"O15": "O13"})
    assert pairs(matching)["O15"] == ("O13", "manual")
    assert not matching.unmatched_source and not matching.unmatched_target


def test_a_hand_choice_wins_over_the_rules_and_none_leaves_an_item_behind():
    matching = match_items(OLD, NEW, manual={"O13": "O13", "O1": None})
    found = pairs(matching)
    assert found["O13"] == ("O13", "manual")
    assert "O1" not in found
    assert "O1" in [i.code for i in matching.unmatched_source]
    # O14 (new) lost its automatic source and is new this year again
    assert "O14" in [i.code for i in matching.unmatched_target]


def test_two_items_sent_to_one_are_refused_in_thai():
    with pytest.raises(MappingError) as refused:
        match_items(OLD, NEW, manual={"O13": "O14", "O15": "O14"})
    assert "O13" in str(refused.value) and "O15" in str(refused.value)
    assert "ข้อเดียวกัน" in str(refused.value) and is_thai(refused.value)


def test_choosing_the_automatic_pair_again_is_not_a_conflict():
    matching = match_items(OLD, NEW, manual={"O13": "O14"})
    assert pairs(matching)["O13"] == ("O14", "manual")


def test_an_unknown_code_is_refused():
    with pytest.raises(MappingError, match="ไม่พบข้อ O99"):
        match_items(OLD, NEW, manual={"O13": "O99"})
    with pytest.raises(MappingError, match="ไม่พบข้อ O77"):
        match_items(OLD, NEW, manual={"O77": "O1"})


def test_shipped_frameworks_2565_to_2566_follow_the_renumbering(frameworks):
    matching = match_items(frameworks[2565].items(), frameworks[2566].items())
    codes = matching.codes()
    # 2566 inserted O10 (personal data policy): the items after it moved one place on.
    assert codes["O12"] == "O13" and codes["O13"] == "O14" and codes["O17"] == "O18"
    assert codes["O1"] == "O1" and codes["O43"] == "O43"
    assert "O10" in [i.code for i in matching.unmatched_target]
    assert len(set(codes.values())) == len(codes)


@pytest.fixture
def frameworks(db):
    from assessments.frameworks import load_frameworks
    from assessments.models import Framework

    load_frameworks()
    return {f.year: f for f in Framework.objects.all()}
