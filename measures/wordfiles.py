"""The measures app's documents as Word files, from the same contexts as their PDFs:
the measures report, the memo and the quarterly progress report."""

from docx.shared import Cm

from itaportal import thai
from itaportal.wordfiles import (
    CENTER,
    JUSTIFY,
    Column,
    FullRow,
    WordDocument,
    docx_filename,
    td,
)

# The องค์ประกอบที่ ๓ table: each column's heading, and how narrow and how wide it may
# be (cm of the 26.2 cm landscape width). Within these, the widths come from what the
# columns print (measures.documents.table_widths), alike in the PDF and the Word file.
MEASURE_COLUMNS = [
    ("ลำดับที่", 1.3, 1.8),
    ("ตัวชี้วัดการประเมิน {code}", 2.2, 4),
    ("หัวข้อย่อยการประเมิน", 2.2, 5),
    ("ประเด็นที่เป็นข้อบกพร่องหรือจุดอ่อนที่ต้องแก้ไขโดยเร่งด่วน", 2.2, 5),
    ("ประเด็นที่จะต้องพัฒนาให้ดีขึ้น สอดคล้องกับผลการประเมิน", 2.2, 5),
    ("(๑) การกำหนดผู้รับผิดชอบ", 2.2, 6.5),
    ("(๒) การกำหนดขั้นตอนหรือวิธีการปฏิบัติ", 2.2, 5),
    ("(๓) การกำหนดแนวทางการกำกับติดตามให้นำไปสู่การปฏิบัติและการรายงานผล", 2.2, 5),
    ("การกำหนดแนวทางหรือมาตรการเพื่อขับเคลื่อนฯ", 2.2, 5),
]
MEASURE_GROUPS = [
    ("(๑) การกำหนดผู้รับผิดชอบหรือผู้ที่เกี่ยวข้อง", 3),
    ("(๒) การกำหนดขั้นตอนหรือวิธีการปฏิบัติ", 3),
    ("(๓) การกำหนดแนวทางการกำกับติดตามให้นำไปสู่การปฏิบัติและการรายงานผล", 1),
]
PROGRESS_COLUMNS = [
    ("ลำดับที่", 1.3, 1.8),
    ("ตัวชี้วัด", 2.2, 4),
    ("มาตรการ", 3, 10),
    ("ผู้รับผิดชอบ", 2.2, 4.5),
    ("สถานะ / ความก้าวหน้า (ปัจจุบัน)", 2.2, 3.5),
    ("ผลการดำเนินงาน{quarter}", 4, 9),
    ("หลักฐาน", 2.2, 4.5),
]
LANDSCAPE_WIDTH_CM = 26.2
TABLE_PT = 14


def _columns(spec, widths, **names):
    return [
        Column(heading.format(**names), width)
        for (heading, *_), width in zip(spec, widths, strict=True)
    ]


def numbered(items):
    """The PDF's measures_list: `๑. …` one per paragraph."""
    return [f"{td(n)}. {td(item)}" for n, item in enumerate(items, start=1)]


def lines(text):
    return [td(line) for line in (text or "").splitlines()] or [""]


def measures_report_docx(context):
    """`context` is measures.documents.measures_report_context(assessment)."""
    assessment, org, result = context["assessment"], context["organization"], context["result"]
    year = td(assessment.year)
    title = f"มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปี พ.ศ.\u00a0{year}"
    word = WordDocument(org, draft=context["draft"], title=title)
    word.paragraph(title, align=CENTER, bold=True, size=18)
    word.paragraph(f"{org.name} อำเภอ{org.district} จังหวัด{org.province}", align=CENTER, bold=True)
    lead = word.body("", space_before=10)
    word.run(lead, f"๑. การวิเคราะห์ผลการประเมิน ITA ของ{org.name} ปีงบประมาณ {year}", bold=True)
    if result.total is not None:
        found = (
            f"พบว่า มีผลคะแนน {thai.format_number(result.total, 2)} คะแนน อยู่ในระดับ {result.label} ดังนี้"
        )
    else:
        found = "ยังได้รับคะแนนไม่ครบทุกตัวชี้วัด"
    word.run(
        lead,
        f" จากผลการประเมิน ITA ในปีงบประมาณ พ.ศ.\u00a0{year} ของ{org.name} {found}",
    )
    if context["ranked"]:
        word.body("คะแนนสูงสุดรายตัวชี้วัด ดังนี้")
        for n, (indicator, score) in enumerate(context["ranked"], start=1):
            line = word.paragraph(left=Cm(1.5))
            line.paragraph_format.tab_stops.add_tab_stop(Cm(10))
            line.paragraph_format.tab_stops.add_tab_stop(Cm(12.5))
            word.run(
                line,
                f"{td(n)}. {indicator.name}\tได้คะแนน\t{thai.format_number(score, 2)} คะแนน",
            )
    if context["recommendations"]:
        if context["recommendations_lead"]:
            word.body(
                "โดยสำนักงาน ป.ป.ช. ได้มีข้อเสนอแนะ การประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน"
                f"ของหน่วยงานภาครัฐ (ITA) ประจำปีงบประมาณ {year} ดังนี้"
            )
        for line in context["recommendations"]:
            word.body(td(line))
    word.body("โดยวิเคราะห์ผลการประเมินแต่ละตัวชี้วัด ได้ดังนี้")
    rows, spans = [], []
    for row in context["analysis_rows"]:
        rows.append(FullRow(row["title"]))
        analysis = [
            (f"{label}: {td(text)}" if label else td(text)) for label, text in row["analysis"]
        ]
        # The analysis cell spans the instrument's indicators, as the PDF's rowspan.
        spans.append((len(rows) + 1, len(row["indicators"])))
        for n, (indicator, score) in enumerate(row["indicators"]):
            rows.append(
                [
                    f"{td(indicator.number)}. {indicator.name}",
                    thai.format_number(score, 2) if score is not None else "-",
                    analysis if n == 0 else "",
                ]
            )
    table = word.table(
        [Column(None, 5.2), Column(None, 2), Column(None, 8.8)],
        rows,
        header_rows=[[("ตัวชี้วัดของการประเมิน ITA", 2), ("ประเด็นที่ต้องแก้ไข/ปรับปรุง/รักษาระดับ", 1)]],
    )
    for first, count in spans:
        if count > 1:
            table.cell(first, 2).merge(table.cell(first + count - 1, 2))
    for instrument, measures in context["tables"]:
        word.new_section(landscape=True)
        measures_table(word, instrument, measures, context["measure_widths"])
    return word.save(docx_filename(context["filename"]))


def measures_table(word, instrument, rows, widths):
    """One instrument's องค์ประกอบที่ ๓ table, caption and headings repeating on every page."""
    caption = (
        "องค์ประกอบที่ ๓ การกำหนดแนวทางการวิเคราะห์ผลการปฏิบัติงาน หรือมาตรการเพื่อขับเคลื่อน"
        "การส่งเสริมคุณธรรมและความโปร่งใส ซึ่งสอดคล้องตามผลการวิเคราะห์การประเมิน "
        f"{instrument.code}"
    )
    body = [measure_cells(number, measure) for number, measure in rows]
    columns = _columns(MEASURE_COLUMNS, widths, code=instrument.code)
    # The seed's group row, (๑)(๒)(๓) over the columns they group; the row number and
    # the indicator span both heading rows, as in the PDF.
    groups = [(columns[0].heading, 1), (columns[1].heading, 1), *MEASURE_GROUPS]
    table = word.table(columns, body, caption=caption, font_size=TABLE_PT, header_rows=[groups])
    for column in (0, 1):
        below = table.cell(2, column)
        for run in below.paragraphs[0].runs:  # its heading is the one above
            run._r.getparent().remove(run._r)
        table.cell(1, column).merge(below)
    return table


def measure_cells(number, measure):
    """One measure's row of the องค์ประกอบที่ ๓ table: each cell a text or its paragraphs."""
    departments = "/".join(d.name for d in measure.departments.all())
    return [
        td(number),
        measure.indicator.name,
        lines(measure.sub_topic),
        lines(measure.weakness),
        numbered(measure.improvements),
        ([departments] if departments else []) + numbered(measure.responsible_people),
        numbered(measure.steps),
        numbered(measure.monitoring),
        f"๑. {td(measure.title)}",
    ]


def progress_cells(number, measure, parts, evidence):
    """One measure's row of the progress report's table: each department's part of the
    quarter's report under its heading, and the evidence likewise."""
    result = []
    for heading, report in parts:
        if heading:
            result.append(heading)
        if report:
            result += lines(report.text)
            if report.created_by:
                result.append(f"รายงานโดย {report.created_by.display_name}")
        else:
            result.append("ยังไม่รายงานผล")
    files = []
    for heading, items in evidence:
        files += ([heading] if heading else []) + items
    return [
        td(number),
        f"{td(measure.indicator.number)}. {measure.indicator.name}",
        td(measure.title),
        [d.name for d in measure.departments.all()],
        [measure.get_status_display(), f"ร้อยละ {td(measure.progress)}"],
        result,
        files or ["-"],
    ]


def progress_report_docx(context):
    """`context` is measures.documents.progress_report_context(assessment, quarter)."""
    assessment, org, quarter = context["assessment"], context["organization"], context["quarter"]
    title = (
        "รายงานผลการดำเนินงานตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส "
        f"(ผลการประเมิน ITA ปีงบประมาณ พ.ศ.\u00a0{td(assessment.year)})"
    )
    word = WordDocument(org, draft=context.get("draft", False), title=title)
    # The whole report is landscape: its first (numberless) page is too.
    word._page(word.doc.sections[0], landscape=True)
    word.paragraph(title, align=CENTER, bold=True, size=18)
    word.paragraph(
        f"{td(quarter.name)} · {org.name} อำเภอ{org.district} จังหวัด{org.province}", align=CENTER
    )
    word.paragraph(
        f"มาตรการทั้งหมด {td(context['count'])} มาตรการ รายงานผลในไตรมาสนี้แล้ว "
        f"{td(context['reported'])} มาตรการ ดำเนินการแล้วเสร็จ {td(context['done'])} มาตรการ "
        f"(ข้อมูล ณ วันที่ {thai.thai_date(context['printed_on'], 'long')})",
        space_before=8,
        align=JUSTIFY,
    )
    for instrument, rows in context["tables"]:
        body = [progress_cells(*row) for row in rows]
        word.paragraph(space_before=6)
        word.table(
            _columns(PROGRESS_COLUMNS, context["progress_widths"], quarter=td(quarter.short_name)),
            body,
            caption=f"มาตรการตามผลการวิเคราะห์การประเมิน {instrument.code}",
            font_size=TABLE_PT,
        )
    return word.save(docx_filename(context["filename"]))


def memo_docx(context):
    """`context` is measures.documents.memo_context(memo)."""
    memo = context["memo"]
    word = WordDocument(context["organization"], draft=context["draft"], title=memo.subject)
    head = word.paragraph()
    word.emblem(1.5, paragraph=head)
    head.paragraph_format.tab_stops.add_tab_stop(Cm(8), alignment=1)  # centre tab
    word.run(head, "\tบันทึกข้อความ", bold=True, size=29)
    word.leader_field([("ส่วนราชการ", td(memo.issuing_unit), 16)])
    word.leader_field(
        [("ที่", td(memo.reference), 8.8), ("วันที่", thai.thai_date(memo.date, "long"), 16)]
    )
    subject = word.leader_field([("เรื่อง", td(memo.subject), 16)], space_before=4)
    # A long subject's second line starts under the subject text, not at the margin.
    subject.paragraph_format.left_indent = Cm(1.45)
    subject.paragraph_format.first_line_indent = Cm(-1.45)
    word.paragraph(f"เรียน  {td(memo.addressee)}", space_before=6)
    for paragraph in memo.body:
        word.body(td(paragraph))
    if memo.closing:
        word.body(td(memo.closing))
    word.signature(
        prefix=memo.signer_prefix,
        name=memo.signer_name,
        position_lines=[td(line) for line in memo.signer_position.splitlines()],
        left_cm=7,
        gap_lines=2,
    )
    if context["acknowledgements"]:
        word.paragraph("-รับทราบ", space_before=24, keep_with_next=True)
        for ack in context["acknowledgements"]:
            line = word.paragraph(left=Cm(1))
            stops = line.paragraph_format.tab_stops
            stops.add_tab_stop(Cm(6))
            stops.add_tab_stop(Cm(13))
            positions = " ".join(td(p) for p in ack.position_lines)
            word.run(line, f"{ack.name}\t{positions}\t")
            word.run(line, thai.thai_date(ack.at, "short"), size=14)
    return word.save(docx_filename(context["filename"]))
