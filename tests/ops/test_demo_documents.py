"""The demo's FY 2565 documents printed as the seed's Word files print them: the memo's
body lines break where the seed's do, no line ends inside a name or a number, and the
text copied out of the PDFs is the text typed."""

import pytest
from django.core.management import call_command

from committees.documents import order_document
from itaportal.models import Organization
from measures.documents import measures_report_document, memo_document
from tests import pdf

# The seed memo's body lines as its Word file breaks them (the reference document).
SEED_MEMO_LINES = [
    "ด้วยองค์การบริหารส่วนตำบลหนองปรุง ได้จัดทำมาตรการส่งเสริมคุณธรรมและความโปร่งใส",
    "ในการดำเนินงานขององค์การบริหารส่วนตำบลหนองปรุง ปีงบประมาณ ๒๕๖๕ ตามมติที่ประชุมคณะทำงาน",
    "จัดทำมาตรการคุณธรรมและความโปร่งใสในการดำเนินงานขององค์การบริหารส่วนตำบลหนองปรุง",
    "ปีงบประมาณ พ.ศ. ๒๕๖๕ ในคราวประชุม ครั้งที่ ๑/๒๕๖๕ เมื่อวันที่ ๒๔ กันยายน ๒๕๖๕",
    "สำนักปลัดจึงขอแจ้งส่วนราชการเพื่อรับทราบและถือปฏิบัติตามมาตรการส่งเสริมคุณธรรม",
    "และความโปร่งใสภายในองค์การบริหารส่วนตำบลหนองปรุง ประจำปีงบประมาณ พ.ศ.๒๕๖๕ เพื่อยกระดับ",
    "คะแนนการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานในปีงบประมาณ พ.ศ. ๒๕๖๖",
]


@pytest.fixture
def demo(db):
    call_command("loaddemo", verbosity=0)
    return Organization.objects.get(slug="nongprung")


def printed_lines(content):
    return [line.replace("\u00a0", " ") for line in pdf.lines(content)]


def test_the_memo_body_breaks_its_lines_where_the_seeds_word_file_does(demo):
    lines = printed_lines(memo_document(demo, 2565).content)
    assert [line for line in SEED_MEMO_LINES if line not in lines] == []


def test_no_line_of_a_demo_document_ends_inside_a_name_or_a_number(demo):
    people = [u.display_name for u in demo.users.all()] + ["สนธยา คงสนิท"]
    names = [demo.name, "หนองปรุง", "เขาย้อย", "เพชรบุรี", "ปีงบประมาณ", "หน่วยงาน"]
    names += [d.name for d in demo.departments.all()] + [
        d.head_title for d in demo.departments.all()
    ]
    for document in (
        order_document(demo, 2565),
        memo_document(demo, 2565),
        measures_report_document(demo, 2565),
    ):
        assert pdf.split_words(document.content, names, people) == [], document.filename


def test_text_copied_from_the_demo_order_reads_as_typed(demo):
    text = " ".join(
        page.extract_text() for page in pdf.read(order_document(demo, 2565).content).pages
    )
    assert "คำสั่งองค์การบริหารส่วนตำบลหนองปรุง" in text
    assert "การดำเนินงาน" in text
    assert "คาสั่ง" not in text
