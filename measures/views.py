"""Pages of the measures app: the year's measures, a department's own measures, the
measure with its quarterly reports, the memos, and the documents they print."""

import logging
from functools import partial

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import DatabaseError, transaction
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from assessments.models import Assessment
from assessments.structure import structure_of
from itaportal import access, confirmation, once, signing, thai
from itaportal.attachments import serve_file
from itaportal.documents import DocumentError
from itaportal.editing import Conflict, conflict_response, show_error
from itaportal.forms import ReopenForm, SignForm
from itaportal.models import Department, User
from itaportal.prepared import PreparedQuery, attach_children
from itaportal.uploads import STORAGE_FAILED
from itaportal.years import opening_year
from measures import documents, exports, services
from measures.forms import (
    AcknowledgeForm,
    MeasureForm,
    MeasureProgressForm,
    MemoForm,
    ReportForm,
    default_quarter,
)
from measures.models import (
    WHOLE_MEASURE,
    Acknowledgement,
    Evidence,
    Measure,
    Memo,
    Quarter,
    follow_up_quarters,
)

logger = logging.getLogger(__name__)
ORG = "assessment__organization"


def _year_param(request):
    return thai.parse_int(request.GET.get("year"))


_assessments_of = PreparedQuery(
    lambda org: (
        Assessment.objects.filter(organization=org)
        .select_related("framework")
        # The year switcher and the year's page read neither (a JSON and a long text each).
        .defer("recommendations", "public_scores")
        .order_by("-year")
    ),
    "org",
)
_departments_of = PreparedQuery(lambda org: Department.objects.filter(organization=org), "org")
_cards_of_assessment = PreparedQuery(
    lambda assessment: Measure.objects.filter(assessment=assessment).for_cards(), "assessment"
)
_cards_of_department = PreparedQuery(
    lambda org, department: (
        Measure.objects.filter(assessment__organization=org)
        .for_department(department)
        .for_cards()
        .order_by("-assessment__year", "indicator__number", "order", "pk")
    ),
    *("org", "department"),
)


def _assessments(user):
    if user.organization_id is None:
        return []
    return _assessments_of(org=user.organization_id)


def _pick_assessment(request, assessments):
    """The assessment of ?year=, else the current fiscal year's, else the latest one."""
    year = _year_param(request)
    if year is None:
        year = opening_year([a.year for a in assessments], thai.current_fiscal_year())
    elif not any(a.year == year for a in assessments):
        raise Http404
    return next((a for a in assessments if a.year == year), None)


def _assessment_of_year(user, year):
    return access.get_for_user(user, Assessment.objects.select_related("framework"), year=year)


# The measure, and its reports' evidence by the measure's id: as a prefetch of the
# prefetched reports, Django compiled it on every request (a third of the page).
_measure_of = PreparedQuery(
    lambda org, pk: Measure.objects.for_listing(evidence=False).filter(
        assessment__organization=org, pk=pk
    ),
    *("org", "pk"),
)
_evidence_of = PreparedQuery(
    lambda org, pk: Evidence.objects.filter(
        report__measure=pk, report__measure__assessment__organization=org
    ),
    *("org", "pk"),
)


def _get_measure(user, pk):
    """The measure with everything its page shows, of the user's organization; or 404."""
    found = _measure_of(org=user.organization_id, pk=pk) if user.organization_id else []
    if not found:
        raise Http404
    measure = found[0]
    reports = list(measure.reports.all())
    if reports:
        attach_children(reports, "evidence", _evidence_of(org=user.organization_id, pk=pk))
    return measure


def _require_edit(user, measure):
    access.require(services.can_edit_measure(user, measure), access.OTHER_DEPARTMENT)


def _by_indicator(measures):
    groups = []
    for m in measures:
        if not groups or groups[-1][0].pk != m.indicator_id:
            groups.append((m.indicator, []))
        groups[-1][1].append(m)
    return groups


MEASURES_PER_PAGE = 25


def _listing_filters(request, assessment, departments):
    """The measures list's filters from the query string: department (404 for one not of
    the organization, as before), indicator number, status and overdue. A value that
    means nothing (text for a number, an unknown status) shows the unfiltered list."""
    department = None
    if request.GET.get("department"):
        department = next((d for d in departments if str(d.pk) == request.GET["department"]), None)
        if department is None:
            raise Http404
    # The year's indicators in number order, from its kept structure.
    indicators = list(structure_of(assessment.framework).indicators.all()) if assessment else []
    indicator = next((i for i in indicators if str(i.number) == request.GET.get("indicator")), None)
    status = request.GET.get("status")
    status = status if status in Measure.Status.values else ""
    return {
        "department": department,
        "indicators": indicators,
        "indicator": indicator,
        "status": status,
        "overdue_only": request.GET.get("overdue") == "1",
    }


@access.member_required
def measure_list(request):
    """The year's measures by indicator, filtered by department, indicator, status and
    overdue, a page at a time; and the failed OIT items no measure covers yet."""
    user = request.user
    # Read with the assessments (itaportal.prepared: one round trip).
    _departments_of.ahead(org=user.organization_id)
    assessments = _assessments(user)
    assessment = _pick_assessment(request, assessments)
    departments = _departments_of(org=user.organization_id)
    filters = _listing_filters(request, assessment, departments)
    today = timezone.localdate()
    measures, uncovered = [], []
    if assessment is not None:
        services.uncovered_failed_items_ahead(assessment)  # read with the measures
        narrowed = {}
        if filters["department"] is not None:
            narrowed["departments"] = filters["department"]
        if filters["indicator"] is not None:
            narrowed["indicator"] = filters["indicator"]
        if filters["status"]:
            narrowed["status"] = filters["status"]
        if narrowed:
            measures = list(Measure.objects.filter(assessment=assessment, **narrowed).for_cards())
        else:  # the whole year, as the list opens: compiled once
            measures = _cards_of_assessment(assessment=assessment.pk)
        uncovered = list(services.uncovered_failed_items(assessment))
    # Overdue depends on the reports and today's date, so it is decided here, not in SQL.
    overdue = [m for m in measures if m.overdue_reasons]
    if filters["overdue_only"]:
        measures = overdue
    page = Paginator(measures, MEASURES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "measures/list.html",
        {
            "assessments": assessments,
            "assessment": assessment,
            "years": [a.year for a in assessments],
            "departments": departments,
            **filters,
            "filtered": bool(filters["indicator"] or filters["status"] or filters["overdue_only"]),
            "statuses": Measure.Status.choices,
            "groups": _by_indicator(page.object_list),
            "page": page,
            "count": len(measures),
            "overdue_count": len(overdue),
            "uncovered": uncovered,
            "can_manage": access.can_manage(user),
            "today": today,
            "quarters": follow_up_quarters(assessment.year) if assessment else [],
        },
    )


@access.member_required
def mine(request):
    """The measures of the user's department: what is overdue and what is due this
    quarter, whatever their year (both are about today), then all of them for the year
    chosen (the current fiscal year's, else the latest)."""
    user = request.user
    today = timezone.localdate()
    quarter = Quarter.of(today)
    cards = None
    if user.department_id:
        cards = _cards_of_department.bound(org=user.organization_id, department=user.department_id)
        cards.ahead()  # read with the assessments (itaportal.prepared: one round trip)
    assessments = _assessments(user)
    assessment = _pick_assessment(request, assessments)
    measures = cards() if cards is not None else []
    overdue = [m for m in measures if m.overdue_reasons]
    due_now = [m for m in measures if m.due_in_quarter(quarter)]
    of_year = [m for m in measures if assessment and m.assessment_id == assessment.pk]
    return render(
        request,
        "measures/mine.html",
        {
            "department": user.department,
            "measures": of_year,
            "assessment": assessment,
            "years": [a.year for a in assessments],
            "overdue": overdue,
            "due_now": due_now,
            "quarter": quarter,
            "today": today,
        },
    )


@access.member_required
def measure_detail(request, pk):
    user = request.user
    measure = _get_measure(user, pk)
    today = timezone.localdate()
    required = set(measure.required_quarters(today))
    quarters = []
    for q in (Quarter(measure.follow_up_year, n) for n in (1, 2, 3, 4)):
        if measure.is_reported(q):
            state = "reported"
        elif q in required:
            state = "missing"
        elif q.start <= today:
            state = "open"
        else:
            state = "future"
        parts = [
            {
                "department": department,
                "report": report,
                "key": _part_key(department),
                "can_write": services.can_write_part(user, measure, department),
            }
            for department, report in measure.report_slots(q)
        ]
        quarters.append({"quarter": q, "parts": parts, "state": state})
    return render(
        request,
        "measures/detail.html",
        {
            "measure": measure,
            "quarters": quarters,
            "can_edit": services.can_edit_measure(user, measure),
            "can_manage": access.can_manage(user),
            "overdue_reasons": measure.overdue_reasons_on(today),
        },
    )


def _fields(form, names):
    return {name: form.cleaned_data[name] for name in names}


@access.admin_required
@require_http_methods(["GET", "POST"])
def measure_create(request, year):
    assessment = _assessment_of_year(request.user, year)
    initial = {}
    if request.GET.get("indicator"):
        number = thai.parse_int(request.GET["indicator"])
        indicator = (
            assessment.framework.indicators.filter(number=number).first() if number else None
        )
        initial["indicator"] = indicator
    form = MeasureForm(request.POST or None, assessment=assessment, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                if not once.claim(form.cleaned_data["once"]):
                    messages.info(request, once.DUPLICATE)
                    return redirect(f"{reverse('measures:list')}?year={year}")
                measure = services.measure_save(
                    assessment=assessment,
                    user=request.user,
                    **_fields(form, MeasureForm.Meta.fields),
                )
        except services.MeasureError as exc:
            show_error(form, exc)
        else:
            messages.success(request, "เพิ่มมาตรการแล้ว")
            return redirect("measures:detail", measure.pk)
    return render(
        request, "measures/form.html", {"form": form, "assessment": assessment, "measure": None}
    )


@access.member_required
@require_http_methods(["GET", "POST"])
def measure_edit(request, pk):
    """The agency admin edits the whole measure; its departments' staff the status and
    progress. A save over a newer version is refused and the typed values are kept."""
    user = request.user
    measure = _get_measure(user, pk)
    _require_edit(user, measure)
    full = access.can_manage(user)
    if full:
        form = MeasureForm(request.POST or None, instance=measure, assessment=measure.assessment)
    else:
        form = MeasureProgressForm(request.POST or None, instance=measure)
    template = "measures/form.html" if full else "measures/progress_form.html"
    context = {"form": form, "assessment": measure.assessment, "measure": measure}
    if request.method == "POST" and form.is_valid():
        fields = form.Meta.fields
        try:
            if full:
                services.measure_save(
                    assessment=measure.assessment,
                    measure=measure,
                    version=form.cleaned_data["version"],
                    user=user,
                    **_fields(form, fields),
                )
            else:
                services.measure_progress_save(
                    measure=measure,
                    version=form.cleaned_data["version"],
                    user=user,
                    **_fields(form, fields),
                )
        except Conflict as exc:
            return conflict_response(
                request, template, context, form=form, conflict=exc, fields=fields
            )
        except services.MeasureError as exc:
            show_error(form, exc)
        else:
            messages.success(request, "บันทึกมาตรการแล้ว")
            return redirect("measures:detail", measure.pk)
    return render(request, template, context)


WHOLE_MEASURE_PART = "whole"


def _part_key(department):
    """How a URL names a part of a quarter's report: its department's id, or "whole"."""
    return str(department.pk) if department is not None else WHOLE_MEASURE_PART


def _part_department(request, measure):
    """The department whose part the page writes (None: the whole measure's), from
    ?part=: staff default to their own department, the agency admin to the first
    responsible one (in the order the page lists them); a part that names no department
    of the measure's organization is a 404."""
    departments = thai.sort_thai(measure.departments.all(), key=lambda d: d.name)
    key = request.GET.get("part")
    if key == WHOLE_MEASURE_PART:
        return None
    if key:
        pk = thai.parse_int(key)
        found = Department.objects.filter(pk=pk, organization_id=measure.assessment.organization_id)
        department = found.first() if pk else None
        if department is None:
            raise Http404
        return department
    own = next((d for d in departments if d.pk == request.user.department_id), None)
    if own is not None:
        return own
    return departments[0] if departments else None


@access.member_required
@require_http_methods(["GET", "POST"])
def report_add(request, pk):
    """Add (or complete) one department's part of the measure's report for a quarter,
    with evidence and links. Staff write their own department's part only; the agency
    admin any part."""
    user = request.user
    measure = _get_measure(user, pk)
    _require_edit(user, measure)
    department = _part_department(request, measure)
    access.require(services.can_write_part(user, measure, department), access.OTHER_DEPARTMENT)
    today = timezone.localdate()
    quarter = default_quarter(measure, today)
    if request.GET.get("quarter"):
        try:
            quarter = Quarter.parse(request.GET["quarter"])
        except ValueError:
            raise Http404 from None
    department_id = department.pk if department is not None else None
    existing = next(
        (r for r in measure.parts_for(quarter) if r.department_id == department_id), None
    )
    initial = {"quarter": str(quarter), "version": existing.version if existing else ""}
    if existing:
        initial.update({"text": existing.text, "links": existing.links})
    form = ReportForm(request.POST or None, request.FILES or None, measure=measure, initial=initial)
    context = {
        "form": form,
        "measure": measure,
        "quarter": quarter,
        "existing": existing,
        "department": department,
        "part_name": department.name if department is not None else WHOLE_MEASURE,
    }
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.report_save(
                token=data["once"],
                measure=measure,
                department=department,
                quarter=data["quarter"],
                text=data["text"],
                links=data["links"],
                files=data["files"],
                user=user,
                # The page's version is its quarter's part's (the URL names the quarter);
                # another quarter chosen in the list was shown without its part.
                version=data["version"] if data["quarter"] == quarter else None,
                today=today,
            )
        except Conflict as exc:
            if data["files"]:
                form.add_error("files", "ไฟล์ที่เลือกไว้ยังไม่ได้บันทึก กรุณาเลือกใหม่อีกครั้ง")
            context.update(quarter=data["quarter"], existing=exc.current)
            return conflict_response(
                request,
                "measures/report_form.html",
                context,
                form=form,
                conflict=exc,
                fields=["text", "links"],
            )
        except services.DuplicateSubmission:
            messages.info(request, once.DUPLICATE)
            return redirect("measures:detail", measure.pk)
        except services.MeasureError as exc:
            show_error(form, exc)
        except (OSError, DatabaseError):
            # A full disk or a database that fails: nothing was kept (files included),
            # and the typed report is shown again to be sent once more.
            logger.exception("saving the report of measure %s failed", measure.pk)
            form.add_error(None, STORAGE_FAILED)
            return render(request, "measures/report_form.html", context, status=503)
        else:
            messages.success(
                request, f"บันทึกรายงานผล{data['quarter'].name} แล้ว (ส่วนของ{context['part_name']})"
            )
            return redirect("measures:detail", measure.pk)
    return render(request, "measures/report_form.html", context)


@access.member_required
def evidence_download(request, pk):
    """An evidence file, to members of the measure's organization only."""
    evidence = access.get_for_user(
        request.user,
        Evidence.objects.select_related("report__measure"),
        org_field="report__measure__assessment__organization",
        pk=pk,
    )
    return serve_file(evidence)


@access.member_required
@require_POST
def evidence_remove(request, pk):
    """Remove an evidence file, asked once more, naming the file and its report."""
    evidence = access.get_for_user(
        request.user,
        Evidence.objects.select_related("report__measure"),
        org_field="report__measure__assessment__organization",
        pk=pk,
    )
    measure = _get_measure(request.user, evidence.report.measure_id)
    access.require(
        services.can_write_part(request.user, measure, evidence.report.department_id),
        access.OTHER_DEPARTMENT,
    )
    if not confirmation.is_confirmed(request):
        return confirmation.confirmation_page(
            request,
            title="ยืนยันการลบไฟล์หลักฐาน",
            summary=f"จะลบไฟล์หลักฐาน {evidence.original_name} ออกจากรายงานผล"
            f"{evidence.report.period.name} ของมาตรการนี้ ไฟล์ที่ลบแล้วเรียกคืนไม่ได้",
            items=[
                f"{evidence.original_name} ({filesizeformat(evidence.size)})",
                f"มาตรการ: {measure.title}",
            ],
            action_label="ยืนยัน ลบไฟล์นี้",
            cancel_url=reverse("measures:detail", args=[measure.pk]),
        )
    try:
        services.evidence_remove(evidence=evidence, user=request.user)
    except services.MeasureError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"ลบไฟล์หลักฐาน {evidence.original_name} แล้ว")
    return redirect("measures:detail", measure.pk)


@access.member_required
def report_pdf(request, year, format="pdf"):
    org = request.user.organization
    try:
        return documents.measures_report_document(org, year, format=format).as_response(
            inline=format == "pdf"
        )
    except DocumentError as exc:
        messages.error(request, str(exc))
        return redirect(f"{reverse('measures:list')}?year={year}")


@access.member_required
def progress_pdf(request, year, format="pdf"):
    org = request.user.organization
    try:
        return documents.progress_report_document(
            org, year, request.GET.get("quarter"), format=format
        ).as_response(inline=format == "pdf")
    except DocumentError as exc:
        messages.error(request, str(exc))
        return redirect(f"{reverse('measures:list')}?year={year}")


@access.member_required
def export_xlsx(request, year):
    assessment = _assessment_of_year(request.user, year)
    return exports.measures_workbook_response(assessment)


# Memos ---------------------------------------------------------------------------------


_memo_of = PreparedQuery(
    lambda org, pk: (
        Memo.objects.select_related("assessment__organization")
        .prefetch_related(
            Prefetch(
                "acknowledgements",
                queryset=Acknowledgement.objects.select_related("user").order_by("at", "pk"),
            ),
            Prefetch("recipients", queryset=Department.objects.order_by("order", "name")),
        )
        .filter(**{ORG: org}, pk=pk)
    ),
    *("org", "pk"),
)


def _get_memo(user, pk):
    return access.get_prepared_for_user(user, _memo_of, pk=pk)


@access.member_required
def memo_list(request):
    """The memos of the year chosen (the current fiscal year's, else the latest)."""
    assessments = _assessments(request.user)
    assessment = _pick_assessment(request, assessments)
    if _year_param(request) is None and assessments:
        # A year's memo circulates its measures after its results, so during a fiscal
        # year the memos people act on are last year's: the menu opens on the latest
        # year that has any.
        with_memos = set(
            access.scoped(request.user, Memo, ORG).values_list("assessment_id", flat=True)
        )
        assessment = next((a for a in assessments if a.pk in with_memos), assessment)
    memos = list(
        access.scoped(request.user, Memo.objects.for_listing(), ORG)
        .filter(assessment=assessment)
        .order_by("-date", "-pk")
    )
    for memo in memos:
        # The reference's prefix is the organization's: the page has its row.
        memo.assessment.organization = request.user.organization
        memo.acknowledged_by_me = any(
            a.user_id == request.user.pk for a in memo.acknowledgements.all()
        )
    return render(
        request,
        "measures/memo_list.html",
        {
            "memos": memos,
            "assessments": assessments,
            "assessment": assessment,
            "years": [a.year for a in assessments],
            "can_manage": access.can_manage(request.user),
        },
    )


def _memo_initial(assessment, user):
    org = assessment.organization
    departments = list(Department.objects.filter(organization=org).order_by("order", "name"))
    heads = [d.head_title for d in departments if d.head_title]
    # "เรียน ผอ.กองคลัง ผอ.กองช่าง ... และหัวหน้าสำนักปลัด": the issuing unit's head last.
    if len(heads) > 1:
        heads = heads[1:] + heads[:1]
        addressee = " ".join(heads[:-1]) + " และ" + heads[-1]
    else:
        addressee = " ".join(heads)
    executive = (
        User.objects.filter(organization=org, role=User.Role.EXECUTIVE, is_active=True)
        .order_by("pk")
        .first()
    )
    unit = (
        user.department.name if user.department_id else (departments[0].name if departments else "")
    )
    subject = (
        f"มาตรการส่งเสริมคุณธรรมและความโปร่งใสในการดำเนินงานของ{org.name} "
        f"ประจำปีงบประมาณ พ.ศ. {assessment.year}"
    )
    return {
        "issuing_unit": f"{unit} {org.name}".strip(),
        "date": timezone.localdate(),
        "subject": subject,
        "addressee": addressee,
        "recipients": departments,
        "body": [
            f"ด้วย{org.name} ได้จัดทำมาตรการส่งเสริมคุณธรรมและความโปร่งใสในการดำเนินงานของ"
            f"{org.name} ปีงบประมาณ {assessment.year} ตามผลการวิเคราะห์การประเมิน ITA",
            f"จึงขอแจ้งส่วนราชการเพื่อรับทราบและถือปฏิบัติตามมาตรการดังกล่าว เพื่อยกระดับคะแนน"
            f"การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานในปีงบประมาณ พ.ศ. "
            f"{assessment.year + 1} ต่อไป",
        ],
        "signer_name": f"{executive.first_name} {executive.last_name}".strip() if executive else "",
        "signer_position": executive.position_title if executive else "",
    }


@access.admin_required
@require_http_methods(["GET", "POST"])
def memo_create(request, year):
    assessment = _assessment_of_year(request.user, year)
    form = MemoForm(
        request.POST or None,
        assessment=assessment,
        initial=_memo_initial(assessment, request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            memo = services.memo_save(assessment=assessment, **_fields(form, MemoForm.Meta.fields))
        except services.MeasureError as exc:
            show_error(form, exc)
        else:
            messages.success(request, "บันทึกบันทึกข้อความแล้ว")
            return redirect("measures:memo_detail", memo.pk)
    return render(
        request, "measures/memo_form.html", {"form": form, "memo": None, "assessment": assessment}
    )


@access.admin_required
@require_http_methods(["GET", "POST"])
def memo_edit(request, pk):
    memo = _get_memo(request.user, pk)
    form = MemoForm(request.POST or None, instance=memo, assessment=memo.assessment)
    context = {"form": form, "memo": memo, "assessment": memo.assessment}
    if request.method == "POST" and form.is_valid():
        fields = MemoForm.Meta.fields
        try:
            services.memo_save(
                assessment=memo.assessment,
                memo=memo,
                version=form.cleaned_data["version"],
                **_fields(form, fields),
            )
        except Conflict as exc:
            return conflict_response(
                request, "measures/memo_form.html", context, form=form, conflict=exc, fields=fields
            )
        except services.MeasureError as exc:
            show_error(form, exc)
        else:
            messages.success(request, "บันทึกบันทึกข้อความแล้ว")
            return redirect("measures:memo_detail", memo.pk)
    return render(request, "measures/memo_form.html", context)


def _render_memo_detail(request, memo, ack_form=None, status=200):
    context = _memo_detail_context(request, memo, ack_form)
    return render(request, "measures/memo_detail.html", context, status=status)


def _memo_detail_context(request, memo, ack_form=None):
    user = request.user
    acknowledgements = list(memo.acknowledgements.all())
    mine_ack = next((a for a in acknowledgements if a.user_id == user.pk), None)
    # Departments the memo is addressed to whose people have not acknowledged it yet.
    acknowledged_departments = {
        a.user.department_id for a in acknowledgements if a.user_id and a.user.department_id
    }
    pending = [d for d in memo.recipients.all() if d.pk not in acknowledged_departments]
    if ack_form is None and mine_ack is None:
        ack_form = AcknowledgeForm()
    return {
        "memo": memo,
        "acknowledgements": acknowledgements,
        "mine": mine_ack,
        "ack_form": ack_form if mine_ack is None else None,
        "pending": pending,
        "can_manage": access.can_manage(user),
        "sign_form": SignForm(initial={"version": memo.version, "signed_on": memo.date})
        if access.can_manage(user) and not memo.is_signed
        else None,
        "reopen_form": ReopenForm(initial={"version": memo.version})
        if access.can_approve(user) and memo.is_signed
        else None,
    }


@access.member_required
def memo_detail(request, pk):
    return _render_memo_detail(request, _get_memo(request.user, pk))


@access.member_required
@require_POST
def memo_ack(request, pk):
    """รับทราบ: record the user's acknowledgement, once."""
    memo = _get_memo(request.user, pk)
    form = AcknowledgeForm(request.POST)
    if form.is_valid():
        try:
            services.memo_acknowledge(
                memo=memo, user=request.user, acting_for=form.cleaned_data["acting_for"]
            )
        except services.MeasureError as exc:
            messages.error(request, str(exc))
            return _render_memo_detail(request, _get_memo(request.user, pk), status=409)
        messages.success(request, "บันทึกการรับทราบแล้ว")
        return redirect("measures:memo_detail", memo.pk)
    return _render_memo_detail(request, memo, ack_form=form, status=400)


def _memo_signing(request, pk, action):
    memo = _get_memo(request.user, pk)

    def page():
        current = _get_memo(request.user, pk)
        return "measures/memo_detail.html", _memo_detail_context(request, current), current

    return signing.signing_view(
        request,
        action=action,
        sign=partial(services.memo_sign, memo=memo, user=request.user),
        reopen=partial(services.memo_reopen, memo=memo, user=request.user),
        error=services.MeasureError,
        done="บันทึกว่าลงนามแล้ว บันทึกข้อความนี้ถูกล็อกไม่ให้แก้ไข"
        if action == "sign"
        else "เปิดบันทึกข้อความให้แก้ไขแล้ว และบันทึกไว้ในประวัติ",
        page=page,
        back=reverse("measures:memo_detail", args=[memo.pk]),
        fields=["signed_on"],
    )


@access.admin_required
@require_POST
def memo_sign(request, pk):
    """The agency admin records that the memo was signed, on which date; it is then locked."""
    return _memo_signing(request, pk, "sign")


@access.member_required
@require_POST
def memo_reopen(request, pk):
    """The executive reopens a signed memo for changes; the history keeps who and why."""
    access.require(access.can_approve(request.user), access.EXECUTIVE_ONLY)
    return _memo_signing(request, pk, "reopen")


@access.member_required
def memo_pdf(request, pk, format="pdf"):
    memo = _get_memo(request.user, pk)
    try:
        return documents.render_memo(memo, format=format).as_response(inline=format == "pdf")
    except DocumentError as exc:
        messages.error(request, str(exc))
        return redirect("measures:memo_detail", memo.pk)
