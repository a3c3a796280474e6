"""Pages of NACC's verdicts and the clarifications: the admin records verdicts per item,
each failed item's department writes its clarification, the executive approves it, and
the approved ones are printed (PDF) and exported (CSV) for ITAS."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from assessments.models import Framework, OITItem
from assessments.selectors import organization_years
from itaportal import access, confirmation
from itaportal.attachments import serve_file
from itaportal.editing import Conflict
from itaportal.forms import VersionField
from itaportal.uploads import DocumentsField, validate_web_link
from oit import clarifications as svc
from oit.forms import LinksWidget
from oit.models import MAX_LINKS, Clarification, ClarificationAttachment, ItemVerdict

VERDICT_CHOICES = [("", "— ยังไม่มีผล —"), ("1", "ผ่าน"), ("0", "ไม่ผ่าน")]


def _met(value):
    return {"1": True, "0": False}.get(value)


def _framework(year):
    return get_object_or_404(Framework.objects.only("pk", "year", "provisional"), year=year)


class ClarificationForm(forms.Form):
    text = forms.CharField(label="คำชี้แจง", required=False, widget=forms.Textarea(attrs={"rows": 5}))
    links = forms.Field(label="ลิงก์ใหม่หรือที่แก้ไข", required=False, widget=LinksWidget)
    files = DocumentsField(label="แนบไฟล์ (ไม่บังคับ)")
    remove_files = forms.TypedMultipleChoiceField(
        label="ลบไฟล์", required=False, coerce=int, widget=forms.CheckboxSelectMultiple
    )
    version = VersionField()

    def __init__(self, *args, attachments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["remove_files"].choices = [(a.pk, a.original_name) for a in attachments]

    def clean_links(self):
        links, errors = [], []
        for n, row in enumerate(self.cleaned_data.get("links") or [], start=1):
            if not row["url"] and not row["label"]:
                continue
            try:
                validate_web_link(row["url"])
            except ValidationError:
                errors.append(f"ลิงก์ที่ {n}: ต้องขึ้นต้นด้วย http:// หรือ https://")
                continue
            links.append({"url": row["url"], "label": row["label"][:200]})
        if len(links) > MAX_LINKS:
            errors.append(f"ใส่ลิงก์ได้ไม่เกิน {MAX_LINKS} ลิงก์")
        if errors:
            raise ValidationError(errors)
        return links

    def link_rows(self):
        if self.is_bound:
            rows = self.fields["links"].widget.value_from_datadict(self.data, self.files, "links")
        else:
            rows = list(self.initial.get("links") or [])
        rows = [r for r in rows if r.get("url") or r.get("label")]
        rows += [{"url": "", "label": ""}] * max(0, MAX_LINKS - len(rows))
        return [dict(row, position=n) for n, row in enumerate(rows, start=1)]


@access.member_required
@require_http_methods(["GET", "POST"])
def verdicts(request, year):
    """Every item of the year with NACC's verdicts; the admin records them here."""
    framework = _framework(year)
    org = request.user.organization
    can_manage = access.can_manage(request.user)
    if request.method == "POST":
        access.require(can_manage, access.ADMIN_ONLY)
        try:
            if "to_results" in request.POST:
                recomputed = svc.verdicts_to_item_results(
                    organization=org, year=year, actor=request.user
                )
                messages.success(
                    request,
                    "บันทึกผลรายข้อ OIT จากผลการตรวจแล้ว"
                    + (
                        f" คำนวณคะแนนตัวชี้วัดที่ {', '.join(map(str, sorted(recomputed)))} ใหม่"
                        if recomputed
                        else ""
                    ),
                )
            else:
                code = request.POST.get("code", "")
                final = request.POST.get("stage") == "final"
                svc.verdict_record(
                    organization=org,
                    year=year,
                    code=code,
                    met=_met(request.POST.get("met")),
                    comment=request.POST.get("comment", ""),
                    actor=request.user,
                    final=final,
                )
                messages.success(request, f"บันทึกผล{'สุดท้าย' if final else 'เบื้องต้น'}ของข้อ {code} แล้ว")
        except svc.ClarificationError as exc:
            messages.error(request, str(exc))
        return redirect("oit:verdicts", year)
    items = list(OITItem.objects.in_year(year).order_by("number"))
    found = {
        v.item_id: v
        for v in ItemVerdict.objects.filter(organization=org, item__in=items).select_related(
            "clarification"
        )
    }
    rows = [(i, found.get(i.pk)) for i in items]
    return render(
        request,
        "oit/verdicts.html",
        {
            "year": year,
            "years": organization_years(request.user.organization_id),
            "framework": framework,
            "rows": rows,
            "choices": VERDICT_CHOICES,
            "can_manage": can_manage,
            "failed": sum(1 for v in found.values() if not v.preliminary_met),
        },
    )


def _clarification(request, year, code):
    return access.get_for_user(
        request.user,
        Clarification.objects.select_related("verdict__item", "department").filter(
            verdict__item__in=OITItem.objects.in_year(year)
        ),
        org_field="verdict__organization",
        verdict__item__code=code,
    )


@access.member_required
def clarification_list(request, year):
    """The failed items of the year and where each clarification stands."""
    framework = _framework(year)
    org = request.user.organization
    rows = list(
        Clarification.objects.filter(
            verdict__organization=org, verdict__item__in=OITItem.objects.in_year(year)
        )
        .select_related("verdict__item", "department")
        .order_by("verdict__item__number")
    )
    return render(
        request,
        "oit/clarifications.html",
        {
            "year": year,
            "years": organization_years(request.user.organization_id),
            "framework": framework,
            "rows": rows,
            "approved": sum(1 for c in rows if c.status == Clarification.Status.APPROVED),
        },
    )


@access.member_required
@require_http_methods(["GET", "POST"])
def clarification_detail(request, year, code):
    """One failed item: the assessors' comment, the clarification and its actions."""
    return _clarification_page(request, year, code, then_submit="then_submit" in request.POST)


def _clarification_page(request, year, code, *, then_submit):
    """The item's clarification, or the save of its form (then the submit when
    `then_submit`: sending never leaves what was typed behind)."""
    clarification = _clarification(request, year, code)
    attachments = list(clarification.attachments.all())
    can_edit = clarification.is_editable and access.can_edit_department_work(
        request.user, clarification.department_id
    )
    initial = {
        "text": clarification.text,
        "links": clarification.links,
        "version": clarification.version,
    }
    form = ClarificationForm(attachments=attachments, initial=initial) if can_edit else None
    status = 200
    if request.method == "POST":
        access.require(can_edit, access.OTHER_DEPARTMENT)
        form = ClarificationForm(
            request.POST, request.FILES, attachments=attachments, initial=initial
        )
        if form.is_valid() and form.cleaned_data["remove_files"]:
            asked = _ask_before_removing_files(request, clarification, attachments, form)
            if asked is not None:
                return asked
        if form.is_valid() and not confirmation.is_declined(request):
            data = form.cleaned_data
            try:
                saved = svc.clarification_save(
                    clarification=clarification,
                    actor=request.user,
                    version=data["version"],
                    text=data["text"],
                    links=data["links"],
                    new_files=data["files"],
                    remove_file_ids=data["remove_files"],
                )
            except Conflict as exc:
                messages.error(request, str(exc))
                status = 409
            except svc.ClarificationError as exc:
                messages.error(request, str(exc))
            else:
                if then_submit:
                    _submit_after_save(request, saved, code)
                else:
                    messages.success(request, f"บันทึกคำชี้แจงข้อ {code} แล้ว")
                return redirect("oit:clarification", year, code)
        elif not form.is_valid():
            messages.error(request, "ยังบันทึกไม่ได้ กรุณาแก้ไขตามข้อความสีแดง")
    return render(
        request,
        "oit/clarification.html",
        {
            "year": year,
            "c": clarification,
            "item": clarification.verdict.item,
            "attachments": attachments,
            "form": form,
            "can_edit": can_edit,
            "can_approve": access.can_approve(request.user),
            "events": clarification.events.select_related("actor").order_by("-at", "-pk"),
        },
        status=status,
    )


def _submit_after_save(request, saved, code):
    try:
        # The version the user's own save has just made.
        svc.clarification_submit(clarification=saved, actor=request.user, version=saved.version)
    except svc.ClarificationError as exc:
        messages.warning(request, f"บันทึกแล้ว แต่ยังส่งไม่ได้: {exc}")
    else:
        messages.success(request, f"บันทึกและส่งคำชี้แจงข้อ {code} ให้ผู้บริหารพิจารณาแล้ว")


def _ask_before_removing_files(request, clarification, attachments, form):
    """Removing files is asked once more, naming them; None once it is confirmed or
    declined (declined: the form comes back as typed, nothing saved)."""
    code = clarification.verdict.item.code
    asked = confirmation.files_removal(
        request,
        form,
        attachments,
        title=f"ยืนยันการลบไฟล์ของคำชี้แจงข้อ {code}",
        subject=f"คำชี้แจงข้อ {code}",
    )
    return None if asked in ("confirmed", "declined") else asked


# Fields only the clarification form posts: a submit that carries them carries typed text.
_CLARIFICATION_FORM_FIELDS = ("text", "link_url", "link_label")


@access.member_required
@require_POST
def clarification_action(request, year, code, action):
    if action == "submit" and any(name in request.POST for name in _CLARIFICATION_FORM_FIELDS):
        # The form's own send button: save what was typed, then send.
        return _clarification_page(request, year, code, then_submit=True)
    clarification = _clarification(request, year, code)
    version = request.POST.get("version")
    try:
        if action == "submit":
            access.require(
                access.can_edit_department_work(request.user, clarification.department_id),
                access.OTHER_DEPARTMENT,
            )
            svc.clarification_submit(
                clarification=clarification, actor=request.user, version=version
            )
            messages.success(request, f"ส่งคำชี้แจงข้อ {code} ให้ผู้บริหารพิจารณาแล้ว")
        elif action == "approve":
            access.require(access.can_approve(request.user), access.EXECUTIVE_ONLY)
            svc.clarification_approve(
                clarification=clarification, actor=request.user, version=version
            )
            messages.success(request, f"อนุมัติคำชี้แจงข้อ {code} แล้ว")
        elif action == "return":
            access.require(access.can_approve(request.user), access.EXECUTIVE_ONLY)
            svc.clarification_return(
                clarification=clarification,
                actor=request.user,
                comment=request.POST.get("comment", ""),
                version=version,
            )
            messages.success(request, f"ส่งคำชี้แจงข้อ {code} กลับให้แก้ไขแล้ว")
    except (svc.ClarificationError, Conflict) as exc:
        messages.error(request, str(exc))
    return redirect("oit:clarification", year, code)


@access.member_required
def clarifications_pdf(request, year):
    _framework(year)
    return svc.render_clarifications(request.user.organization, year).as_response()


@access.member_required
def clarifications_csv(request, year):
    _framework(year)
    return svc.render_clarifications_csv(request.user.organization, year).as_response(inline=False)


@access.member_required
def clarification_file(request, year, pk):
    attachment = access.get_for_user(
        request.user,
        ClarificationAttachment.objects.filter(
            clarification__verdict__item__in=OITItem.objects.in_year(year)
        ),
        org_field="clarification__verdict__organization",
        pk=pk,
    )
    return serve_file(attachment)
