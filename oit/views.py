"""Pages of the OIT answers: the list, one item's answer with its history, the
executive's queue, progress and points at stake, bulk assignment, copying a year
forward, and the attachment downloads (members, and the public for approved answers)."""

from decimal import Decimal
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from assessments import scoring
from assessments.models import Assessment, Framework, Instrument, OITItem
from itaportal import access, thai
from itaportal.models import Department, Organization
from oit import services
from oit.forms import AnswerForm, AssignForm
from oit.models import OITAnswer, OITAnswerAttachment

Status = OITAnswer.Status


def portal_hosts(request):
    """Host names under which this portal itself is reached: links there are no answer."""
    hosts = {(urlsplit(settings.SITE_URL).hostname or "").lower()}
    hosts.add(request.get_host().rsplit(":", 1)[0].lower())
    return {h for h in hosts if h}


def _framework(year):
    return get_object_or_404(Framework.objects.with_structure(), year=year)


def _require_framework(year):
    """The year's framework, only as much as pages that show no score need (whether it is
    provisional); 404 unless the year has one."""
    return get_object_or_404(Framework.objects.only("pk", "year", "provisional"), year=year)


def _items(year):
    return OITItem.objects.filter(sub_indicator__indicator__framework__year=year).select_related(
        "sub_indicator__indicator"
    )


def _item(year, code):
    return get_object_or_404(_items(year), code=code)


def _answer(request, year, code):
    """The user's organization's answer to item `code` of `year`, or 404."""
    return access.get_for_user(
        request.user,
        OITAnswer.objects.for_listing(),
        item__sub_indicator__indicator__framework__year=year,
        item__code=code,
    )


def _next_url(request, fallback):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def _grouped(items, answers):
    """[(indicator, [(sub, [(item, answer or None)])])] in framework order."""
    groups = []
    for item in sorted(items, key=lambda i: (i.sub_indicator.indicator.number, i.number)):
        sub, indicator = item.sub_indicator, item.sub_indicator.indicator
        if not groups or groups[-1][0].pk != indicator.pk:
            groups.append((indicator, []))
        subs = groups[-1][1]
        if not subs or subs[-1][0].pk != sub.pk:
            subs.append((sub, []))
        subs[-1][1].append((item, answers.get(item.pk)))
    return groups


@access.member_required
def oit_home(request):
    """The OIT answers of the year being worked on: the latest year the organization has
    answers in, else the latest framework up to the current fiscal year."""
    org = request.user.organization
    year = (
        OITAnswer.objects.filter(organization=org)
        .order_by("-item__sub_indicator__indicator__framework__year")
        .values_list("item__sub_indicator__indicator__framework__year", flat=True)
        .first()
    )
    if year is None:
        current = thai.fiscal_year(timezone.localdate())
        frameworks = Framework.objects.order_by("-year")
        year = (
            frameworks.filter(year__lte=current).values_list("year", flat=True).first()
            or frameworks.values_list("year", flat=True).first()
        )
    if year is None:
        raise Http404("ยังไม่มีกรอบการประเมิน ITA")
    return redirect("oit:list", year)


@access.member_required
def oit_list(request, year):
    """Every OIT item of the year with its answer's status and department."""
    framework = _framework(year)
    org = request.user.organization
    answers = {a.item_id: a for a in OITAnswer.objects.for_year(org, year).for_listing()}
    items = list(_items(year))
    mine = request.GET.get("mine") == "1" and request.user.department_id
    if mine:
        items = [
            i
            for i in items
            if answers.get(i.pk) and answers[i.pk].department_id == request.user.department_id
        ]
    points = scoring.item_points(framework)
    for item in items:
        item.points = points.get(item.code)
    counts = {s: 0 for s in Status.values}
    for answer in answers.values():
        counts[answer.status] += 1
    return render(
        request,
        "oit/list.html",
        {
            "year": year,
            "framework": framework,
            "groups": _grouped(items, answers),
            "points": points,
            "counts": counts,
            "total_items": len(points),
            "not_started": len(points) - len(answers),
            "mine": bool(mine),
            "can_manage": access.can_manage(request.user),
            "can_approve": access.can_approve(request.user),
        },
    )


def _answer_context(request, year, item, answer, form=None, conflict=None):
    attachments = list(answer.attachments.all()) if answer.pk else []
    can_edit = answer.is_editable and access.can_edit_department_work(
        request.user, answer.department_id
    )
    if can_edit and form is None:
        form = _answer_form(request, answer, attachments)
    events = list(answer.events.select_related("actor").order_by("-at", "-pk")) if answer.pk else []
    return {
        "year": year,
        "item": item,
        "answer": answer,
        "attachments": attachments,
        "links": answer.link_checks(portal_hosts(request)),
        "elements": answer.elements(attachments),
        "form": form if can_edit else None,
        "can_edit": can_edit,
        "can_submit": bool(answer.pk) and can_edit,
        "can_approve": access.can_approve(request.user),
        "can_manage": access.can_manage(request.user),
        "events": events,
        "conflict": conflict,
        "conflict_links": conflict.link_checks(portal_hosts(request)) if conflict else [],
        "points": scoring.item_points(item.sub_indicator.indicator.framework).get(item.code),
        "domains": request.user.organization.domains,
        "portal_hosts": sorted(portal_hosts(request)),
    }


def _answer_form(request, answer, attachments, data=None, files=None):
    departments = (
        Department.objects.filter(organization=request.user.organization)
        if access.can_manage(request.user)
        else None
    )
    return AnswerForm(
        data,
        files,
        answer=answer,
        attachments=attachments,
        departments=departments,
        initial=AnswerForm.initial_for(answer),
    )


@access.member_required
@require_http_methods(["GET", "POST"])
def oit_answer(request, year, code):
    """One item: its answer, the form for those who may edit it, actions and history."""
    org = request.user.organization
    item = get_object_or_404(
        _items(year).select_related("sub_indicator__indicator__framework"), code=code
    )
    answer = OITAnswer.objects.for_listing().filter(
        organization=org, item=item
    ).first() or OITAnswer(organization=org, item=item)
    if request.method == "GET":
        return render(request, "oit/answer.html", _answer_context(request, year, item, answer))

    access.require(
        access.can_edit_department_work(request.user, answer.department_id),
        "ข้อนี้ยังไม่ได้มอบหมายให้ส่วนราชการของคุณ จึงแก้ไขไม่ได้"
        if answer.department_id is None
        else access.OTHER_DEPARTMENT,
    )
    attachments = list(answer.attachments.all()) if answer.pk else []
    form = _answer_form(request, answer, attachments, request.POST, request.FILES)
    conflict = None
    if form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.oit_answer_save(
                answer=answer,
                actor=request.user,
                version=data.get("version") if answer.pk else None,
                links=data["links"],
                where_to_find=data["where_to_find"],
                explanation=data["explanation"],
                element_evidence=data["element_evidence"],
                department=data.get("department"),
                # Only a form that showed the choice changes it (the admin's).
                set_department="department" in form.fields and "department" in request.POST,
                new_files=data["files"],
                remove_file_ids=data["remove_files"],
            )
        except services.AnswerConflict as exc:
            conflict = exc.current
            lost_files = " (ไฟล์ที่เลือกไว้ต้องเลือกใหม่)" if data["files"] else ""
            messages.error(request, f"{exc}{lost_files}")
            # The typed text stays; the next save is based on what is stored now.
            form.data = form.data.copy()
            form.data["version"] = conflict.version
        except services.AnswerError as exc:
            messages.error(request, str(exc))
        else:
            if "then_submit" in request.POST:
                try:
                    services.oit_answer_submit(answer=saved, actor=request.user)
                except services.AnswerError as exc:
                    messages.warning(request, f"บันทึกแล้ว แต่ยังส่งไม่ได้: {exc}")
                else:
                    messages.success(request, f"บันทึกและส่งข้อ {code} ให้ผู้บริหารพิจารณาแล้ว")
            else:
                messages.success(request, f"บันทึกข้อ {code} แล้ว")
            return redirect("oit:answer", year, code)
    else:
        messages.error(request, "ยังบันทึกไม่ได้ กรุณาแก้ไขตามข้อความสีแดง")
    ctx = _answer_context(request, year, item, answer, form=form, conflict=conflict)
    return render(request, "oit/answer.html", ctx, status=200)


def _transition_view(request, year, code, action):
    answer = _answer(request, year, code)
    fallback = reverse("oit:answer", args=[year, code])
    version = request.POST.get("version") or None
    try:
        if action == "submit":
            access.require(
                access.can_edit_department_work(request.user, answer.department_id),
                access.OTHER_DEPARTMENT,
            )
            services.oit_answer_submit(answer=answer, actor=request.user, version=version)
            messages.success(request, f"ส่งข้อ {code} ให้ผู้บริหารพิจารณาแล้ว")
        elif action == "approve":
            access.require(access.can_approve(request.user), access.EXECUTIVE_ONLY)
            services.oit_answer_approve(answer=answer, actor=request.user, version=version)
            messages.success(request, f"อนุมัติข้อ {code} แล้ว")
        elif action == "return":
            access.require(access.can_approve(request.user), access.EXECUTIVE_ONLY)
            services.oit_answer_return(
                answer=answer,
                actor=request.user,
                comment=request.POST.get("comment", ""),
                version=version,
            )
            messages.success(request, f"ส่งข้อ {code} กลับให้แก้ไขพร้อมความเห็นแล้ว")
        elif action == "reopen":
            access.require(access.can_approve(request.user), access.EXECUTIVE_ONLY)
            services.oit_answer_reopen(
                answer=answer,
                actor=request.user,
                reason=request.POST.get("comment", ""),
                version=version,
            )
            messages.success(request, f"เปิดข้อ {code} ให้แก้ไขอีกครั้งแล้ว")
    except services.AnswerError as exc:
        messages.error(request, str(exc))
    return redirect(_next_url(request, fallback))


@access.member_required
@require_POST
def oit_submit(request, year, code):
    return _transition_view(request, year, code, "submit")


@access.member_required
@require_POST
def oit_approve(request, year, code):
    return _transition_view(request, year, code, "approve")


@access.member_required
@require_POST
def oit_return(request, year, code):
    return _transition_view(request, year, code, "return")


@access.member_required
@require_POST
def oit_reopen(request, year, code):
    return _transition_view(request, year, code, "reopen")


@access.member_required
def oit_queue(request, year):
    """The executive's queue: every submitted answer of the year with its links."""
    framework = _require_framework(year)
    org = request.user.organization
    answers = list(OITAnswer.objects.for_year(org, year).submitted().for_review())
    hosts = portal_hosts(request)
    cards = []
    for answer in answers:
        attachments = list(answer.attachments.all())
        cards.append(
            {
                "answer": answer,
                "links": answer.link_checks(hosts),
                "attachments": attachments,
                "elements": answer.elements(attachments),
                "unticked": answer.unticked_elements,
            }
        )
    return render(
        request,
        "oit/queue.html",
        {
            "year": year,
            "framework": framework,
            "cards": cards,
            "can_approve": access.can_approve(request.user),
        },
    )


@access.member_required
@require_POST
def oit_approve_many(request, year):
    access.require(access.can_approve(request.user), access.EXECUTIVE_ONLY)
    ids = {int(pk) for pk in request.POST.getlist("answers") if pk.isdigit()}
    found = OITAnswer.objects.filter(organization=request.user.organization, pk__in=ids)
    if found.count() != len(ids):
        raise Http404  # another organization's answers are not even acknowledged
    try:
        approved = services.oit_answer_approve_many(
            organization=request.user.organization, answer_ids=ids, actor=request.user
        )
    except services.AnswerError as exc:
        messages.error(request, str(exc))
    else:
        codes = ", ".join(a.item.code for a in approved)
        messages.success(request, f"อนุมัติ {len(approved)} ข้อแล้ว ({codes})")
    return redirect("oit:queue", year)


def _predicted(framework, org, year, answers):
    """The score the organization would get if every approved answer is accepted."""
    met = {a.item.code: a.status == Status.APPROVED for a in answers}
    oit_scores = scoring.oit_indicator_scores(framework, met)
    assessment = Assessment.objects.with_scores().filter(organization=org, year=year).first()
    scores = dict(assessment.score_map) if assessment else {}
    borrowed_from = None
    non_oit = [i for i in framework.indicators.all() if i.number not in oit_scores]
    if any(scores.get(i.number) is None for i in non_oit):
        # Early in the year NACC has not scored IIT/EIT yet: use the last published ones.
        previous = (
            Assessment.objects.with_scores()
            .filter(organization=org, year__lt=year, scores__isnull=False)
            .distinct()
            .order_by("-year")
            .first()
        )
        if previous is not None:
            old = {s.indicator.number: s for s in previous.scores.all()}
            for indicator in non_oit:
                if scores.get(indicator.number) is None and indicator.number in old:
                    scores[indicator.number] = old[indicator.number].score
                    borrowed_from = previous.year
    scores.update(oit_scores)
    result = scoring.compute(framework, scores)
    return result, oit_scores, borrowed_from


def _last_published(org, year):
    for assessment in (
        Assessment.objects.with_scores().filter(organization=org, year__lte=year).order_by("-year")
    ):
        if assessment.result.complete:
            return assessment
    return None


@access.member_required
def oit_progress(request, year):
    """Approved out of total, per sub-indicator, what is at stake, and the predicted score."""
    framework = _framework(year)
    org = request.user.organization
    answers = list(OITAnswer.objects.for_year(org, year).for_listing())
    by_item = {a.item_id: a for a in answers}
    points = scoring.item_points(framework)
    subs, pending, total, approved = [], [], 0, 0
    for indicator in sorted(framework.indicators.all(), key=lambda i: i.number):
        for sub in indicator.sub_indicators.all():
            items = list(sub.items.all())
            done = sum(
                1 for i in items if by_item.get(i.pk) and by_item[i.pk].status == Status.APPROVED
            )
            total += len(items)
            approved += done
            subs.append(
                {
                    "indicator": indicator,
                    "sub": sub,
                    "total": len(items),
                    "approved": done,
                    "percent": round(100 * done / len(items)) if items else 0,
                }
            )
            for item in items:
                answer = by_item.get(item.pk)
                if answer is None or answer.status != Status.APPROVED:
                    unticked = (
                        answer.unticked_elements if answer else list(item.required_elements or [])
                    )
                    pending.append(
                        {
                            "item": item,
                            "answer": answer,
                            "points": points.get(item.code, Decimal(0)),
                            "unticked": unticked,
                        }
                    )
    pending.sort(key=lambda p: (-p["points"], p["item"].number))
    result, oit_scores, borrowed_from = _predicted(framework, org, year, answers)
    return render(
        request,
        "oit/progress.html",
        {
            "year": year,
            "framework": framework,
            "subs": subs,
            "pending": pending,
            "total": total,
            "approved": approved,
            "percent": round(100 * approved / total) if total else 0,
            "predicted": result,
            "oit_scores": sorted(oit_scores.items()),
            "borrowed_from": borrowed_from,
            "last": _last_published(org, year),
            "oit_code": Instrument.Code.OIT,
        },
    )


@access.admin_required
@require_http_methods(["GET", "POST"])
def oit_assign(request, year):
    """The agency admin gives items to departments, many at once."""
    framework = _require_framework(year)
    org = request.user.organization
    items = list(_items(year).order_by("number"))
    departments = Department.objects.filter(organization=org)
    data = request.POST if request.method == "POST" else None
    form = AssignForm(data, items=items, departments=departments)
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.oit_items_assign(
                organization=org,
                year=year,
                item_ids=form.cleaned_data["items"],
                department=form.cleaned_data["department"],
                actor=request.user,
            )
        except services.AnswerError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                f"มอบหมาย {len(changed)} ข้อให้ {form.cleaned_data['department'].name} แล้ว",
            )
            return redirect("oit:assign", year)
    answers = {a.item_id: a for a in OITAnswer.objects.for_year(org, year).for_listing()}
    selected = {str(v) for v in (form.data.getlist("items") if form.is_bound else [])}
    per_department = (
        OITAnswer.objects.for_year(org, year)
        .values("department__name")
        .annotate(n=Count("pk"), done=Count("pk", filter=Q(status=Status.APPROVED)))
        .order_by("department__name")
    )
    return render(
        request,
        "oit/assign.html",
        {
            "year": year,
            "framework": framework,
            "form": form,
            "rows": [(i, answers.get(i.pk), str(i.pk) in selected) for i in items],
            "per_department": per_department,
        },
    )


@access.admin_required
@require_http_methods(["GET", "POST"])
def oit_copy(request, year):
    """Start the year from the last one: copy answers, all back to draft."""
    framework = _require_framework(year)
    org = request.user.organization
    if request.method == "POST":
        try:
            plan = services.oit_answers_copy_forward(
                organization=org, year=year, actor=request.user
            )
        except services.AnswerError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                f"คัดลอกคำตอบ {len(plan.pairs)} ข้อจากปี {plan.source_year} แล้ว "
                "ทุกข้อเป็นร่างและต้องปรับหลักฐานเป็นของปีนี้",
            )
            return redirect("oit:list", year)
    plan = services.oit_copy_plan(organization=org, year=year)
    return render(request, "oit/copy.html", {"year": year, "framework": framework, "plan": plan})


def _file_response(attachment):
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=not attachment.is_inline,
        filename=attachment.original_name,
        content_type=attachment.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    # An uploaded file never runs scripts in the portal's origin.
    response["Content-Security-Policy"] = "sandbox"
    return response


@access.member_required
def oit_attachment(request, year, pk):
    """An attachment, for logged-in members of the answer's organization only."""
    attachment = access.get_for_user(
        request.user,
        OITAnswerAttachment.objects.select_related("answer"),
        org_field="answer__organization",
        pk=pk,
        answer__item__sub_indicator__indicator__framework__year=year,
    )
    return _file_response(attachment)


def public_attachment(request, org_slug, year, pk):
    """An attachment of an approved answer, for anyone; every other file answers 404."""
    org = get_object_or_404(Organization, slug=org_slug)
    attachment = get_object_or_404(
        OITAnswerAttachment.objects.select_related("answer"),
        pk=pk,
        answer__organization=org,
        answer__status=Status.APPROVED,
        answer__item__sub_indicator__indicator__framework__year=year,
    )
    if attachment.answer.status != Status.APPROVED:
        raise Http404
    return _file_response(attachment)
