"""Pages of the IIT/EIT campaign: the year's overview (targets, ITAS links and codes,
response counts against the targets), its settings, the stakeholder list and its CSV
import, and the EIT poster. Every page is for members of the organization only: the links
and codes let anyone answer in the organization's name."""

from collections import Counter

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from assessments.models import Assessment
from campaigns import documents, selectors, services
from campaigns.errors import CampaignError
from campaigns.forms import CampaignForm, CountForm, ImportForm, StakeholderForm
from campaigns.imports import MAX_BYTES, parse_stakeholders
from campaigns.models import ResponseCount, Stakeholder
from itaportal import access, confirmation, thai
from itaportal.documents import DocumentError
from itaportal.editing import Conflict, conflict_response, show_error
from itaportal.years import opening_year

STAKEHOLDERS_PER_PAGE = 50


def _years(user):
    return list(access.scoped(user, Assessment).order_by("-year").values_list("year", flat=True))


def _year_of(user, year):
    """The year's page exists for the years the organization assesses; 404 otherwise."""
    years = _years(user)
    if year not in years:
        raise Http404
    return years


@access.member_required
def home(request):
    year = opening_year(_years(request.user), thai.current_fiscal_year())
    if year is None:
        messages.info(request, "ยังไม่มีปีการประเมินของหน่วยงาน เริ่มปีงบประมาณก่อนจึงจะบันทึกการรณรงค์ได้")
        return redirect("home")
    return redirect("campaigns:detail", year=year)


def _render_detail(request, year, years, count_form=None, status=200):
    org = request.user.organization
    campaign = selectors.campaign_of(org, year)
    stakeholders = list(campaign.stakeholders.all()) if campaign.pk else []
    series = selectors.series_of(campaign, len(stakeholders))
    groups = Counter(s.group or "ไม่ระบุกลุ่ม" for s in stakeholders)
    return render(
        request,
        "campaigns/detail.html",
        {
            "campaign": campaign,
            "year": year,
            "years": years,
            "series": series,
            "chart": selectors.progress_chart(series),
            "stakeholder_count": len(stakeholders),
            "groups": sorted(groups.items()),
            "can_manage": access.can_manage(request.user),
            "count_form": count_form or CountForm(initial={"counted_on": timezone.localdate()}),
        },
        status=status,
    )


@access.member_required
def detail(request, year):
    years = _year_of(request.user, year)
    return _render_detail(request, year, years)


@access.admin_required
@require_http_methods(["GET", "POST"])
def edit(request, year):
    _year_of(request.user, year)
    org = request.user.organization
    campaign = selectors.campaign_of(org, year)
    if request.method == "POST":
        form = CampaignForm(request.POST, instance=campaign, organization=org)
        if form.is_valid():
            data = dict(form.cleaned_data)
            version = data.pop("version")
            try:
                services.campaign_save(
                    organization=org, year=year, version=version, actor=request.user, **data
                )
            except Conflict as conflict:
                return conflict_response(
                    request,
                    "campaigns/form.html",
                    {"year": year, "campaign": conflict.current},
                    form=form,
                    conflict=conflict,
                    fields=[name for name in form.fields if name != "version"],
                )
            except CampaignError as error:
                show_error(form, error)
            else:
                messages.success(request, "บันทึกข้อมูลการรณรงค์แล้ว")
                return redirect("campaigns:detail", year=year)
        status = 400
    else:
        form = CampaignForm(instance=campaign, organization=org)
        status = 200
    return render(
        request,
        "campaigns/form.html",
        {"form": form, "year": year, "campaign": campaign},
        status=status,
    )


@access.admin_required
@require_POST
def count_add(request, year):
    years = _year_of(request.user, year)
    form = CountForm(request.POST)
    if form.is_valid():
        try:
            services.response_count_record(
                organization=request.user.organization,
                year=year,
                actor=request.user,
                **form.cleaned_data,
            )
        except CampaignError as error:
            show_error(form, error)
        else:
            messages.success(request, "บันทึกยอดผู้ตอบแล้ว")
            return redirect("campaigns:detail", year=year)
    return _render_detail(request, year, years, count_form=form, status=400)


@access.admin_required
@require_POST
def count_delete(request, year, pk):
    _year_of(request.user, year)
    reading = ResponseCount.objects.filter(
        campaign__organization=request.user.organization, campaign__year=year, pk=pk
    ).first()
    if reading is not None and not confirmation.is_confirmed(request):
        return confirmation.confirmation_page(
            request,
            title="ลบยอดผู้ตอบ",
            summary=f"จะลบยอดผู้ตอบแบบวัด {reading.instrument} ที่อ่านเมื่อ "
            f"{thai.thai_date(reading.counted_on, 'short', 'arabic')} "
            f"จำนวน {reading.count:,} คน ออกจากกราฟและตาราง",
            action_label="ลบยอดนี้",
            cancel_url=reverse("campaigns:detail", kwargs={"year": year}),
        )
    try:
        services.response_count_delete(organization=request.user.organization, year=year, pk=pk)
    except CampaignError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "ลบยอดผู้ตอบแล้ว")
    return redirect("campaigns:detail", year=year)


def _render_stakeholders(request, year, add_form=None, import_form=None, status=200):
    campaign = selectors.campaign_of(request.user.organization, year)
    return render(
        request,
        "campaigns/stakeholders.html",
        {
            "year": year,
            "campaign": campaign,
            "page": Paginator(
                campaign.stakeholders.all() if campaign.pk else Stakeholder.objects.none(),
                STAKEHOLDERS_PER_PAGE,
            ).get_page(request.GET.get("page")),
            "add_form": add_form or StakeholderForm(),
            "import_form": import_form or ImportForm(),
        },
        status=status,
    )


@access.admin_required
@require_http_methods(["GET", "POST"])
def stakeholders(request, year):
    """The stakeholder list; a POST adds one person."""
    _year_of(request.user, year)
    if request.method == "GET":
        return _render_stakeholders(request, year)
    form = StakeholderForm(request.POST)
    if form.is_valid():
        try:
            services.stakeholder_add(
                organization=request.user.organization, year=year, **form.cleaned_data
            )
        except CampaignError as error:
            show_error(form, error)
        else:
            messages.success(request, f"เพิ่ม “{form.cleaned_data['name']}” แล้ว")
            return redirect("campaigns:stakeholders", year=year)
    return _render_stakeholders(request, year, add_form=form, status=400)


@access.admin_required
@require_POST
def stakeholder_import(request, year):
    _year_of(request.user, year)
    form = ImportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            # One byte past the limit is enough to refuse a file that is too large.
            rows = parse_stakeholders(form.cleaned_data["file"].read(MAX_BYTES + 1))
            added, updated = services.stakeholders_import(
                organization=request.user.organization, year=year, rows=rows, actor=request.user
            )
        except CampaignError as error:
            show_error(form, error)
        else:
            messages.success(
                request, f"นำเข้ารายชื่อแล้ว: เพิ่มใหม่ {added} รายการ ปรับปรุง {updated} รายการ"
            )
            return redirect("campaigns:stakeholders", year=year)
    return _render_stakeholders(request, year, import_form=form, status=400)


@access.admin_required
@require_POST
def stakeholder_delete(request, year, pk):
    _year_of(request.user, year)
    person = Stakeholder.objects.filter(
        campaign__organization=request.user.organization, campaign__year=year, pk=pk
    ).first()
    if person is not None and not confirmation.is_confirmed(request):
        return confirmation.confirmation_page(
            request,
            title="ลบรายชื่อผู้มีส่วนได้ส่วนเสีย",
            summary=f"จะลบ {person.name} ออกจากรายชื่อผู้มีส่วนได้ส่วนเสียของปี {year}",
            action_label="ลบรายชื่อนี้",
            cancel_url=reverse("campaigns:stakeholders", kwargs={"year": year}),
        )
    try:
        services.stakeholder_delete(organization=request.user.organization, year=year, pk=pk)
    except CampaignError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "ลบรายชื่อแล้ว")
    return redirect("campaigns:stakeholders", year=year)


@access.member_required
def poster(request, year):
    """The A4 poster as a page to print from the browser."""
    _year_of(request.user, year)
    campaign = selectors.campaign_of(request.user.organization, year)
    try:
        context = documents.poster_context(campaign)
    except DocumentError as error:
        messages.error(request, str(error))
        return redirect("campaigns:detail", year=year)
    return render(
        request,
        "campaigns/poster.html",
        {**context, "organization": campaign.organization, "year": year},
    )


@access.member_required
def poster_pdf(request, year):
    _year_of(request.user, year)
    campaign = selectors.campaign_of(request.user.organization, year)
    try:
        document = documents.render_poster(campaign)
    except DocumentError as error:
        messages.error(request, str(error))
        return redirect("campaigns:detail", year=year)
    return document.as_response()
