"""Moving the relative years of a text, keeping the fixed ones (itaportal/years.py)."""

import pytest

from itaportal.years import shift_years, year_changes


def next_year(text, source_year=2569):
    return shift_years(text, 1, source_year=source_year)


# --- relative years move ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ปีงบประมาณ พ.ศ. 2569", "ปีงบประมาณ พ.ศ. 2570"),
        (
            "ข้อมูลของปีงบประมาณ พ.ศ. 2568 (ปีที่ผ่านมา)",
            "ข้อมูลของปีงบประมาณ พ.ศ. 2569 (ปีที่ผ่านมา)",
        ),
        ("แผนที่ครอบคลุมปีงบประมาณ พ.ศ.2569", "แผนที่ครอบคลุมปีงบประมาณ พ.ศ.2570"),
        ("รายงานผล ณ วันที่ 31 มีนาคม 2569", "รายงานผล ณ วันที่ 31 มีนาคม 2570"),
        ("ITA 2569", "ITA 2570"),
    ],
)
def test_relative_years_move_by_the_difference(text, expected):
    assert next_year(text) == expected


def test_thai_digits_stay_thai():
    assert next_year("ประจำปีงบประมาณ พ.ศ. ๒๕๖๙") == "ประจำปีงบประมาณ พ.ศ. ๒๕๗๐"
    assert next_year("ปีงบประมาณ ๒๕๖๘ และ 2568") == "ปีงบประมาณ ๒๕๖๙ และ 2569"


def test_a_date_range_moves_at_both_ends():
    assert next_year("1 ต.ค. 2568 – 30 ก.ย. 2569") == "1 ต.ค. 2569 – 30 ก.ย. 2570"
    assert next_year("ตั้งแต่ ๑ ตุลาคม ๒๕๖๘ ถึง ๓๐ กันยายน ๒๕๖๙") == "ตั้งแต่ ๑ ตุลาคม ๒๕๖๙ ถึง ๓๐ กันยายน ๒๕๗๐"


def test_two_digit_years_after_a_month_move_too():
    assert next_year("1 ต.ค. 68 – 30 ก.ย. 69") == "1 ต.ค. 69 – 30 ก.ย. 70"
    assert next_year("๓๑ มี.ค. ๖๙") == "๓๑ มี.ค. ๗๐"


def test_the_difference_may_be_several_years():
    assert (
        shift_years("ประจำปีงบประมาณ พ.ศ. ๒๕๖๕", 5, source_year=2565) == "ประจำปีงบประมาณ พ.ศ. ๒๕๗๐"
    )


# --- fixed years stay -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "พระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. 2540",
        "พระราชบัญญัติประกอบรัฐธรรมนูญว่าด้วยการป้องกันและปราบปรามการทุจริต พ.ศ. 2566",
        "พ.ร.บ.การจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. 2560",
        "ระเบียบกระทรวงมหาดไทยว่าด้วยการจัดทำแผนพัฒนาขององค์กรปกครองส่วนท้องถิ่น (ฉบับที่ 3) พ.ศ. 2566",
        "ประกาศคณะกรรมการ ป.ป.ช. เรื่อง หลักเกณฑ์การรับทรัพย์สิน พ.ศ. 2567",
        "รัฐธรรมนูญแห่งราชอาณาจักรไทย พ.ศ. ๒๕๖๐",
    ],
)
def test_the_year_of_a_law_or_rule_stays(text):
    assert next_year(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "ยุทธศาสตร์ชาติ (พ.ศ. 2561–2580)",
        "แผนแม่บทภายใต้ยุทธศาสตร์ชาติ ประเด็น การต่อต้านการทุจริตและประพฤติมิชอบ (พ.ศ.๒๕๖๑ – ๒๕๘๐)",
        # a plan period inside the window stays too
        "แผนพัฒนาเศรษฐกิจและสังคมแห่งชาติ ฉบับที่ 13 (พ.ศ. 2566 – 2570)",
        "แผนพัฒนาท้องถิ่น (พ.ศ. 2566-2570)",
    ],
)
def test_a_national_strategy_or_plan_period_stays(text):
    assert next_year(text) == text


def test_the_date_of_a_quoted_meeting_stays():
    text = "ตามมติที่ประชุมคณะทำงาน เมื่อวันที่ 8 มิถุนายน 2566 ให้จัดทำแผนของปีงบประมาณ 2569"
    assert next_year(text) == (
        "ตามมติที่ประชุมคณะทำงาน เมื่อวันที่ 8 มิถุนายน 2566 ให้จัดทำแผนของปีงบประมาณ 2570"
    )


def test_the_number_of_a_meeting_or_a_document_stays():
    text = "การประชุมครั้งที่ 2/2568 และคำสั่งที่ 98/2568 ลงวันที่ 17 มกราคม 2568"
    assert next_year(text) == text


def test_a_relative_marker_after_a_keyword_makes_the_year_relative():
    assert (
        next_year("ประกาศผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. 2569")
        == "ประกาศผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. 2570"
    )
    # and a law named later in the sentence keeps only its own year
    assert (
        next_year("ให้ประกาศผลภายในเดือนตุลาคม 2569 ตามระเบียบกระทรวงมหาดไทย พ.ศ. 2547")
        == "ให้ประกาศผลภายในเดือนตุลาคม 2570 ตามระเบียบกระทรวงมหาดไทย พ.ศ. 2547"
    )


def test_one_sentence_mixes_fixed_and_relative_years():
    text = (
        "อาศัยอำนาจตามพระราชบัญญัติสภาตำบลและองค์การบริหารส่วนตำบล พ.ศ. ๒๕๓๗ "
        "และยุทธศาสตร์ชาติ (พ.ศ. ๒๕๖๑ – ๒๕๘๐) แต่งตั้งคณะทำงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๙ "
        "เพื่อวิเคราะห์ผลการประเมินปีงบประมาณ ๒๕๖๘"
    )
    assert next_year(text) == (
        "อาศัยอำนาจตามพระราชบัญญัติสภาตำบลและองค์การบริหารส่วนตำบล พ.ศ. ๒๕๓๗ "
        "และยุทธศาสตร์ชาติ (พ.ศ. ๒๕๖๑ – ๒๕๘๐) แต่งตั้งคณะทำงาน ประจำปีงบประมาณ พ.ศ. ๒๕๗๐ "
        "เพื่อวิเคราะห์ผลการประเมินปีงบประมาณ ๒๕๖๙"
    )


def test_years_far_from_the_source_year_stay():
    # History and long-range targets are not "this year" or "last year".
    assert next_year("เทียบกับปีงบประมาณ 2561 และเป้าหมายปี 2580") == (
        "เทียบกับปีงบประมาณ 2561 และเป้าหมายปี 2580"
    )
    # Without a source year, every year that is not fixed moves.
    assert shift_years("เทียบกับปีงบประมาณ 2561", 1) == "เทียบกับปีงบประมาณ 2562"


def test_numbers_that_are_not_years_stay():
    text = "งบประมาณ 2,569.00 บาท รหัส 125690 อัตรา 2569.5 ครั้ง https://example.go.th/ita2569/o1"
    assert next_year(text) == text
    assert next_year("ติดต่อ ita2569@example.go.th") == "ติดต่อ ita2569@example.go.th"


def test_empty_texts_and_no_difference_change_nothing():
    assert shift_years("", 1) == ""
    assert shift_years(None, 1) is None
    assert shift_years("ปีงบประมาณ 2569", 0, source_year=2569) == "ปีงบประมาณ 2569"


def test_year_changes_says_where_and_what():
    changes = year_changes("ปี พ.ศ. ๒๕๖๙ ตาม พ.ร.บ. พ.ศ. 2540", 1, source_year=2569)
    assert [(c.old, c.new) for c in changes] == [("๒๕๖๙", "๒๕๗๐")]
    assert "ปี พ.ศ. ๒๕๖๙ ตาม"[changes[0].start : changes[0].end] == "๒๕๖๙"


def test_the_seed_orders_texts_keep_the_law_and_the_strategy():
    from committees import demo

    preamble = shift_years("\n\n".join(demo.PREAMBLE), 5, source_year=2565)
    assert "(พ.ศ.๒๕๖๑ – ๒๕๘๐)" in preamble
    assert "องค์การบริหารส่วนตำบล พ.ศ. ๒๕๓๗" in preamble
    assert "ประจำปีงบประมาณ พ.ศ.๒๕๗๐" in preamble
    assert "๒๕๖๕" not in preamble
