"""The measures app's official documents: the measures report, the memo that circulates
it, and the quarterly progress report.

`render_*` take the object and return a Document; `*_document(org, year, number)` find
the object the way `manage.py printdoc` asks for it. Views, admin actions and printdoc all
go through these.
"""

from django.utils import timezone

from assessments.models import Assessment
from assessments.structure import structure_of
from itaportal import thai
from itaportal.documents import (
    ColumnText,
    Document,
    DocumentError,
    column_widths,
    keep_words,
    organization_words,
    render_pdf,
    text_width_cm,
)
from measures import wordfiles
from measures.models import WHOLE_MEASURE, Measure, Memo, Quarter, follow_up_quarters


def instrument_title(instrument):
    """แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (EIT): the name, with its code once."""
    name = instrument.name.strip()
    return name if instrument.code in name else f"{name} ({instrument.code})"


def _assessment(org, year):
    assessment = (
        Assessment.objects.filter(organization=org, year=year)
        .select_related("organization", "framework")
        .prefetch_related("scores__indicator", "analyses__instrument")
        .first()
    )
    if assessment is None:
        raise DocumentError(f"ไม่พบผลการประเมิน ITA ปีงบประมาณ {year} ของ{org.name}")
    # Score with the framework's whole structure loaded once.
    assessment.framework = structure_of(assessment.framework)
    return assessment


def _measures(assessment):
    return list(Measure.objects.filter(assessment=assessment).for_listing())


def measure_tables(measures):
    """[(instrument, [(row number, measure), …]), …] in the order of the instruments."""
    tables = []
    for measure in measures:
        instrument = measure.indicator.instrument
        if not tables or tables[-1][0].pk != instrument.pk:
            tables.append((instrument, []))
        rows = tables[-1][1]
        rows.append((len(rows) + 1, measure))
    return tables


# Beside its widest unit a cell needs its padding (4 pt a side), and a numbered item
# its hanging indent (1.1 em): its lines, the first after "๑. ", start that far in.
CELL_EDGES_CM = 0.8


def table_widths(spec, rows, words=(), **names):
    """Column widths (cm) of a landscape table whose columns `spec` lists (heading,
    narrowest, widest) and whose `rows` are lists of cells (a text or its paragraphs),
    from what each column prints. One set of widths serves every table of a report, so
    its tables line up, in the PDF and the Word file alike."""
    cells = [[] for _ in spec]
    for row in rows:
        for column, value in zip(cells, row, strict=True):
            column.extend(value if isinstance(value, list | tuple) else [value])
    columns = [
        ColumnText(
            tuple(texts), heading.format(**names), min_cm=low, max_cm=high, padding_cm=CELL_EDGES_CM
        )
        for (heading, low, high), texts in zip(spec, cells, strict=True)
    ]
    return column_widths(columns, wordfiles.LANDSCAPE_WIDTH_CM, words=words)


def analysis_rows(assessment):
    """Per instrument: its indicators with scores and the working group's analysis text."""
    scores = assessment.score_map
    analyses = {a.instrument_id: a for a in assessment.analyses.all()}
    rows = []
    for instrument in sorted(assessment.framework.instruments.all(), key=lambda i: i.order):
        indicators = sorted(
            (i for i in assessment.framework.indicators.all() if i.instrument_id == instrument.pk),
            key=lambda i: i.number,
        )
        analysis = analyses.get(instrument.pk)
        parts = []
        if analysis:
            labelled = [
                ("ประเด็นที่ต้องแก้ไข", analysis.to_fix),
                ("ประเด็นที่ต้องปรับปรุง", analysis.to_improve),
                ("ประเด็นที่ต้องรักษาระดับ", analysis.to_maintain),
            ]
            filled = [(label, text.strip()) for label, text in labelled if text.strip()]
            if len(filled) == 1:
                parts = [("", filled[0][1])]
            else:
                parts = filled
        rows.append(
            {
                "instrument": instrument,
                "title": instrument_title(instrument),
                "indicators": [(i, scores.get(i.number)) for i in indicators],
                "analysis": parts,
            }
        )
    return rows


def measures_report_context(assessment):
    """What the measures report prints, for the PDF and the Word file alike."""
    org = assessment.organization
    measures = _measures(assessment)
    if not measures:
        raise DocumentError(f"ยังไม่มีมาตรการของปีงบประมาณ {assessment.year}")
    scores = assessment.score_map
    indicators = {i.number: i for i in assessment.framework.indicators.all()}
    ranked = sorted(
        ((indicators[n], s) for n, s in scores.items() if n in indicators),
        key=lambda pair: (-pair[1], pair[0].number),
    )
    recommendations = [
        line.strip() for line in assessment.recommendations.splitlines() if line.strip()
    ]
    # The seed reads "โดยสำนักงาน ป.ป.ช. ได้มีข้อเสนอแนะ…": NACC's own sentence gets "โดย";
    # bare recommendations get that sentence as their lead.
    lead = not (recommendations and recommendations[0].startswith("สำนักงาน ป.ป.ช."))
    if not lead:
        recommendations[0] = "โดย" + recommendations[0]
    tables = measure_tables(measures)
    words = table_words(org, measures)
    context = {
        "assessment": assessment,
        "result": assessment.result,
        "recommendations_lead": lead,
        "ranked": ranked,
        "recommendations": recommendations,
        "analysis_rows": analysis_rows(assessment),
        "tables": tables,
        "words": words,
        "measure_widths": table_widths(
            wordfiles.MEASURE_COLUMNS,
            [wordfiles.measure_cells(n, m) for _, rows in tables for n, m in rows],
            words,
            code=max((i.code for i, _ in tables), key=len),
        ),
        # The report goes out with the memo: a draft until a memo of the year is signed.
        "draft": not any(m.is_signed for m in assessment.memos.all()),
        "organization": org,
        "filename": f"มาตรการส่งเสริมคุณธรรมและความโปร่งใส-{assessment.year}.pdf",
    }
    return context


def render_measures_report(assessment, format="pdf") -> Document:
    """The measures report: the analysis of the year's scores (A4 portrait), then the
    "องค์ประกอบที่ ๓" table of measures for each instrument (A4 landscape)."""
    context = measures_report_context(assessment)
    if format == "docx":
        return wordfiles.measures_report_docx(context)
    return _pdf("documents/measures_report.html", context)


def table_words(organization, measures, indicators=False):
    """The names a measures table keeps on one line: the organization's, the
    responsible people's names, each with its title and surname, and with `indicators`
    the indicators' names (`การปฏิบัติหน้าที่`, not `การ|ปฏิบัติหน้าที่`). The nine columns
    of the measures table have no room for that: there they break between words."""
    people = [name for m in measures for name in m.responsible_people]
    titles = {m.indicator.name for m in measures} if indicators else ()
    words = {*organization_words(organization), *keep_words(people, titles)}
    return tuple(sorted(words))


def _pdf(template, context, words=()):
    context = dict(context)
    filename, organization = context.pop("filename"), context.pop("organization")
    words = (*words, *context.pop("words", ()))
    return render_pdf(template, context, filename=filename, organization=organization, words=words)


def memo_context(memo):
    """What the memo prints, for the PDF and the Word file alike."""
    acknowledgements = list(memo.acknowledgements.order_by("at", "pk"))
    number = thai.arabic_digits(memo.number) or "ไม่มีเลขที่"
    return {
        "memo": memo,
        "acknowledgements": acknowledgements,
        # The label เรื่อง (20 pt bold) and the gap before the subject.
        "subject_indent": f"{text_width_cm('เรื่อง', 20, bold=True) + 0.2:.2f}cm",
        "draft": not memo.is_signed,
        "organization": memo.assessment.organization,
        "filename": f"บันทึกข้อความ-{number}-{memo.year}.pdf",
    }


def render_memo(memo, format="pdf") -> Document:
    """The บันทึกข้อความ in the official layout, with the acknowledgements recorded so far;
    until it is marked signed it carries the "ร่าง" watermark."""
    context = memo_context(memo)
    if format == "docx":
        return wordfiles.memo_docx(context)
    return _pdf(
        "documents/memo.html",
        context,
        words=keep_words([memo.signer_name], memo.signer_position.splitlines()),
    )


def _printed_parts(measure, quarter):
    """What a measure's row prints of `quarter`: ([(heading, part or None)], [(heading,
    [evidence file names and links])]), each responsible department's part under its name
    in Thai order (a lone part of a measure no department is responsible for goes without
    a heading), and the evidence of the parts that have some."""
    slots = measure.report_slots(quarter)
    if len(slots) == 1 and slots[0][0] is None:
        parts = [("", slots[0][1])]
    else:
        parts = [(d.name if d is not None else WHOLE_MEASURE, part) for d, part in slots]
    evidence = [
        (heading, [e.original_name for e in part.evidence.all()] + list(part.links))
        for heading, part in parts
        if part is not None and (part.evidence.all() or part.links)
    ]
    return parts, evidence


def progress_report_context(assessment, quarter):
    """What the progress report for `quarter` prints, for the PDF and the Word file alike."""
    if not isinstance(quarter, Quarter):
        quarter = Quarter(*quarter)
    measures = _measures(assessment)
    if not measures:
        raise DocumentError(f"ยังไม่มีมาตรการของปีงบประมาณ {assessment.year}")
    tables = [
        (instrument, [(n, m, *_printed_parts(m, quarter)) for n, m in rows])
        for instrument, rows in measure_tables(measures)
    ]
    reported = sum(1 for m in measures if m.is_reported(quarter))
    words = table_words(assessment.organization, measures, indicators=True)
    context = {
        "assessment": assessment,
        "quarter": quarter,
        "tables": tables,
        "count": len(measures),
        "reported": reported,
        "done": sum(1 for m in measures if m.status == Measure.Status.DONE),
        "printed_on": timezone.localdate(),
        "words": words,
        "progress_widths": table_widths(
            wordfiles.PROGRESS_COLUMNS,
            [wordfiles.progress_cells(*row) for _, rows in tables for row in rows],
            words,
            quarter=thai.thai_digits(quarter.short_name),
        ),
        "organization": assessment.organization,
        "filename": f"รายงานความก้าวหน้ามาตรการ-{quarter.year}-ไตรมาส{quarter.quarter}.pdf",
    }
    return context


def render_progress_report(assessment, quarter, format="pdf") -> Document:
    """Every measure of `assessment`, its status and its report for `quarter`."""
    context = progress_report_context(assessment, quarter)
    if format == "docx":
        return wordfiles.progress_report_docx(context)
    return _pdf("documents/progress_report.html", context)


def default_progress_quarter(assessment, today=None):
    """The current quarter when today lies in the follow-up year; else its last (or first)."""
    today = today or timezone.localdate()
    quarters = follow_up_quarters(assessment.year)
    now = Quarter.of(today)
    if now < quarters[0]:
        return quarters[0]
    if quarters[-1] < now:
        return quarters[-1]
    return now


def find_memo(org, year, number=None):
    memos = Memo.objects.filter(assessment__organization=org, assessment__year=year)
    if number not in (None, ""):
        memos = memos.filter(number=thai.thai_digits(str(number).strip()))
    memo = memos.select_related("assessment__organization").order_by("-date", "-pk").first()
    if memo is None:
        wanted = f" ที่ {number}" if number not in (None, "") else ""
        raise DocumentError(f"ไม่พบบันทึกข้อความ{wanted} ของปีงบประมาณ {year}")
    return memo


def measures_report_document(org, year, number=None, format="pdf") -> Document:
    return render_measures_report(_assessment(org, year), format=format)


def memo_document(org, year, number=None, format="pdf") -> Document:
    return render_memo(find_memo(org, year, number), format=format)


def progress_report_document(org, year, number=None, format="pdf") -> Document:
    """`year` is the assessment's year; `number` the quarter (1–4) of its follow-up year."""
    assessment = _assessment(org, year)
    if number in (None, ""):
        quarter = default_progress_quarter(assessment)
    else:
        try:
            quarter = Quarter(assessment.year + 1, int(thai.arabic_digits(number)))
        except ValueError:
            raise DocumentError("ไตรมาสต้องเป็น 1 ถึง 4") from None
    return render_progress_report(assessment, quarter, format=format)
