"""Where a line of a document may break: between words, never inside a name or a number."""

from django.utils.html import strip_tags

from itaportal import documents, thai
from tests import pdf


def test_units_join_back_to_the_text():
    text = "องค์การบริหารส่วนตำบลหนองปรุงได้ดำเนินการในปีงบประมาณ พ.ศ. ๒๕๖๖ (LINE) ต่างๆ"
    assert "".join(thai.line_units(text)) == text


def test_the_datas_names_numbers_and_the_year_stay_whole():
    units = thai.line_units(
        "นายสมชาย ศรีสุวรรณวิเศษกุลเป็นผู้อำนวยการกองช่าง งบประมาณ ๑๕๐,๐๐๐ บาท ในปี พ.ศ. ๒๕๖๖",
        words=["นายสมชาย ศรีสุวรรณวิเศษกุล"],
    )
    assert "นายสมชาย ศรีสุวรรณวิเศษกุล" in units
    assert "ผู้อำนวยการ" in units
    assert "๑๕๐,๐๐๐ " in units
    assert "พ.ศ. ๒๕๖๖" in units


def test_the_compounds_clerks_saw_split_are_one_unit_each():
    for word in ["ปีงบประมาณ", "หน่วยงาน", "ประพฤติมิชอบ", "ดำเนินการ", "ชำนาญการพิเศษ"]:
        assert word in thai.line_units(f"ข้อความ{word}ต่อไป")


def test_repetition_marks_and_closing_brackets_never_begin_a_unit():
    units = thai.line_units("เรื่องต่างๆ (ฉบับย่อ) ฯลฯ")
    assert not any(unit[0] in "ๆ)" for unit in units)


def test_in_a_narrow_cell_a_long_name_may_be_cut_between_its_words():
    name = "องค์การบริหารส่วนตำบลหนองปรุง"
    assert name in thai.line_units(name, words=[name])
    assert name not in thai.line_units(name, words=[name], max_chars=14)


def test_breakable_offers_a_zero_width_space_only_between_thai_words():
    assert thai.breakable("หน่วยงานของรัฐ") == "หน่วยงาน\u200bของ\u200bรัฐ"
    assert "\u200b" not in thai.breakable("ITA 2565 LINE")


def test_the_html_keeps_in_a_span_only_what_pango_would_split():
    html = documents.line_breaking_html("หน่วยงานอยู่ระหว่างดำเนินการ <b>", ["หน่วยงาน"])
    assert "&lt;b&gt;" in html
    assert '<span class="nobr">ดำเนินการ</span>' in html
    assert '<span class="nobr">อยู่</span>' not in html


def test_a_narrow_box_breaks_between_names_not_inside_them():
    name = "นายธีรวัฒน์ ศรีสุวรรณวิเศษกุล"
    text = (
        f"{name}ผู้อำนวยการกองการศึกษาอยู่ระหว่างดำเนินการในปีงบประมาณ พ.ศ. ๒๕๖๖ งบประมาณ ๑๕๐,๐๐๐ บาท" * 3
    )
    cells = "".join(
        f'<div style="width: {w}cm">{documents.line_breaking_html(text, [name])}</div>'
        for w in (4, 5, 6)
    )
    content = documents.html_to_pdf(
        f"<style>{documents.font_faces_css()} body {{ font-family: 'Sarabun Document' }}"
        f" .nobr {{ white-space: nowrap }}</style>{cells}"
    )
    assert len(pdf.lines(content)) > 20
    words = ["ผู้อำนวยการ", "ดำเนินการ", "ปีงบประมาณ", "งบประมาณ"]
    assert pdf.split_words(content, words, people=[name, "พ.ศ. ๒๕๖๖"]) == []


def test_a_word_wider_than_a_narrow_cell_gets_no_span_so_it_cannot_overflow():
    html = documents.line_breaking_html("องค์การบริหารส่วนตำบลหนองปรุง", max_chars=14)
    assert "nobr" not in html


def test_thai_run_into_latin_or_digits_may_break_where_they_meet():
    text = "การประเมินOITประจำปีงบประมาณพ.ศ.๒๕๖๖วงเงิน๑๕๐,๐๐๐บาท"
    assert thai.breakable(text).split("\u200b") == [
        "การประเมิน",
        "OIT",
        "ประจำ",
        "ปีงบประมาณ",
        "พ.ศ.๒๕๖๖",
        "วงเงิน",
        "๑๕๐,๐๐๐",
        "บาท",
    ]


def test_the_page_filter_keeps_names_whole_and_adds_no_invisible_characters():
    from django.template import Context, Template

    html = Template("{{ text|thai_text:words }}").render(
        Context(
            {
                "text": "หน่วยงานอยู่ระหว่างดำเนินการ <b> ศรีสุวรรณวิเศษกุล",
                "words": ("ศรีสุวรรณวิเศษกุล",),
            }
        )
    )
    assert "\u200b" not in html
    assert "&lt;b&gt;" in html
    assert '<span class="nobr">ดำเนินการ</span>' in html
    assert '<span class="nobr">ศรีสุวรรณวิเศษกุล</span>' in html
    # Without its tags the page reads exactly as typed (copy, search, find in page).
    assert strip_tags(html) == "หน่วยงานอยู่ระหว่างดำเนินการ &lt;b&gt; ศรีสุวรรณวิเศษกุล"


def test_the_page_filter_leaves_a_name_wider_than_a_phone_line_to_the_browser():
    name = "องค์การบริหารส่วนตำบลหนองปรุงอำเภอเมืองจังหวัดเพชรบุรี"
    assert f'<span class="nobr">{name}</span>' not in documents.page_breaking_html(name, [name])
