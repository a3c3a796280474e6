"""Pages of the OIT answers: the list, one item's answer with its history, the
executive's queue, progress and points at stake, bulk assignment, copying a year
forward, and the attachment downloads (members, and the public for approved answers)."""

import logging

from django.contrib import messages
from django.db import DatabaseError
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from assessments import scoring
from assessments.models import Framework, Instrument, OITItem
from assessments.selectors import (
    organization_opening_year,
    organization_structure,
    organization_years,
)
from assessments.structure import structure_for_year, structure_of
from itaportal import access, confirmation, thai
from itaportal.attachments import serve_file
from itaportal.editing import Conflict, conflict_response
from itaportal.models import Department, Organization
from itaportal.prepared import PreparedCount, PreparedQuery
from itaportal.uploads import STORAGE_FAILED
from oit import linkchecks, selectors, services, tasks
from oit.forms import ActionForm, AnswerForm, AssignForm
from oit.models import AnswerEvent, Clarification, OITAnswer, OITAnswerAttachment, site_hosts

Status = OITAnswer.Status
logger = logging.getLogger(__name__)


def portal_hosts(request):
    """Host names under which this portal itself is reached: links there are no answer."""
    return site_hosts([request.get_host().rsplit(":", 1)[0]])


# What the year's pages read on every request, compiled once per connection
# (itaportal.prepared). One organization's answers: the page has its row
# (`_of_organization`); the list and progress pages do not show the answers' last editors
# either.
ONLY_DEPARTMENT = ("department",)
_listed = PreparedQuery(
    lambda org, year: OITAnswer.objects.for_year(org, year).for_listing(ONLY_DEPARTMENT),
    *("org", "year"),
)
_current_listed = PreparedQuery(
    lambda org, year: OITAnswer.objects.for_year(org, year).current().for_listing(ONLY_DEPARTMENT),
    *("org", "year"),
)
_EVENTS = AnswerEvent.objects.select_related("actor").order_by("-at", "-pk")
_answer_to = PreparedQuery(
    lambda org, item: OITAnswer.objects.for_listing().filter(organization=org, item=item),
    *("org", "item"),
)
# The item page's answer with what the page shows of it: its files, its links' checks and
# its history, read together (itaportal.prepared).
_answer_shown = PreparedQuery(
    lambda org, item: (
        OITAnswer.objects.for_review()
        .prefetch_related(Prefetch("events", queryset=_EVENTS))
        .filter(organization=org, item=item)
    ),
    *("org", "item"),
)
_submitted_for_review = PreparedQuery(
    lambda org, year: (
        OITAnswer.objects.for_year(org, year)
        .current()
        .submitted()
        .for_review(("department", "updated_by"))
    ),
    *("org", "year"),
)
_clarifications_waiting = PreparedCount(
    lambda org, year: Clarification.objects.filter(
        verdict__organization=org,
        verdict__item__in=OITItem.objects.in_year(year),
        status=Clarification.Status.SUBMITTED,
    ),
    *("org", "year"),
)


def _of_organization(answers, org):
    """Answers read without their organization's row get the page's (theirs)."""
    for answer in answers:
        answer.organization = org
    return answers


def _framework(request, year):
    """The year's framework with its whole structure (kept per process), or 404: through
    the organization's years when it has the year (the page reads them for its year
    switcher anyway), else by the year."""
    org = request.user.organization_id
    framework = organization_structure(org, year) or structure_for_year(year)
    if framework is None:
        raise Http404
    return framework


def _items(year):
    return OITItem.objects.in_year(year).select_related("sub_indicator__indicator")


def _answer(request, year, code):
    """The user's organization's answer to item `code` of `year`, or 404."""
    return access.get_for_user(
        request.user,
        OITAnswer.objects.in_year(year).current().for_listing(),
        item__code=code,
    )


def _next_url(request, fallback):
    target = request.POST.get("next") or request.GET.get("next")
    # Only a path of this site: redirect() would take "0" or "home" for a view name.
    if (
        target
        and target.startswith("/")
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return target
    return fallback


def _grouped(framework, answers, keep):
    """[(indicator, [(sub, [(item, answer or None, points)])])] in framework order, of the
    items `keep(item, answer)` accepts; built from the kept structure, which is read only."""
    points = scoring.item_points(framework)
    groups = []
    for indicator in sorted(framework.indicators.all(), key=lambda i: i.number):
        subs = []
        for sub in sorted(indicator.sub_indicators.all(), key=lambda s: (s.order, s.code)):
            rows = [
                (item, answers.get(item.pk), points.get(item.code))
                for item in sorted(sub.items.all(), key=lambda i: i.number)
                if keep(item, answers.get(item.pk))
            ]
            if rows:
                subs.append((sub, rows))
        if subs:
            groups.append((indicator, subs))
    return groups


@access.member_required
def oit_home(request):
    """The OIT answers of the year being worked on: the current fiscal year when the
    organization has an assessment of it, else its latest; an organization with no
    assessment yet gets the latest framework up to the current fiscal year."""
    year, _years = organization_opening_year(request.user.organization_id)
    if year is None:
        current = thai.current_fiscal_year()
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
    # Read with the organization's years (itaportal.prepared: one round trip).
    _listed.ahead(org=request.user.organization_id, year=year)
    framework = _framework(request, year)
    org = request.user.organization
    answers = {a.item_id: a for a in _of_organization(_listed(org=org.pk, year=year), org)}
    total_items = sum(
        len(sub.items.all()) for i in framework.indicators.all() for sub in i.sub_indicators.all()
    )
    mine = request.GET.get("mine") == "1" and request.user.department_id

    def keep(item, answer):
        return not mine or (
            answer is not None and answer.department_id == request.user.department_id
        )

    counts = {s: 0 for s in Status.values}
    for answer in answers.values():
        counts[answer.status] += 1
    return render(
        request,
        "oit/list.html",
        {
            "year": year,
            "years": organization_years(request.user.organization_id),
            "framework": framework,
            "groups": _grouped(framework, answers, keep),
            "counts": counts,
            "total_items": total_items,
            "not_started": total_items - len(answers),
            "mine": bool(mine),
            "can_manage": access.can_manage(request.user),
            "can_approve": access.can_approve(request.user),
        },
    )


def _events(answer):
    """The answer's history, newest first: as read with it (`_answer_shown`), else read."""
    if not answer.pk:
        return []
    if "events" in getattr(answer, "_prefetched_objects_cache", {}):
        return list(answer.events.all())
    return list(_EVENTS.filter(answer=answer))


def _checks(answer):
    """{url: latest LinkCheck} of the answer: as read with it, else read."""
    if not answer.pk:
        return {}
    if "checked_links" in getattr(answer, "_prefetched_objects_cache", {}):
        return linkchecks.prefetched_checks(answer)
    return linkchecks.checks_of_answer(answer.pk)


def _answer_context(request, year, item, answer, form=None, conflict=None):
    attachments = list(answer.attachments.all()) if answer.pk else []
    can_edit = answer.is_editable and access.can_edit_department_work(
        request.user, answer.department_id
    )
    if can_edit and form is None:
        form = _answer_form(request, answer, attachments)
    events = _events(answer)
    return {
        "year": year,
        "item": item,
        "answer": answer,
        "attachments": attachments,
        "links": linkchecks.with_checks(
            answer.link_checks(portal_hosts(request)),
            _checks(answer),
        ),
        "elements": answer.elements(attachments),
        "exceptions": answer.exceptions(portal_hosts(request), attachments) if answer.pk else [],
        "form": form if can_edit else None,
        "can_edit": can_edit,
        "can_submit": bool(answer.pk) and can_edit,
        "can_withdraw": answer.status == Status.SUBMITTED
        and access.can_edit_department_work(request.user, answer.department_id),
        "can_approve": access.can_approve(request.user),
        "can_manage": access.can_manage(request.user),
        "events": events,
        "conflict": conflict,
        "conflict_links": conflict.link_checks(portal_hosts(request)) if conflict else [],
        "points": scoring.item_points(structure_of(item.sub_indicator.indicator.framework)).get(
            item.code
        ),
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
        exceptions=answer.exceptions(portal_hosts(request), attachments) if answer.pk else [],
        initial=AnswerForm.initial_for(answer),
    )


@access.member_required
@require_http_methods(["GET", "POST"])
def oit_answer(request, year, code):
    """One item: its answer, the form for those who may edit it, actions and history."""
    return _answer_page(request, year, code, then_submit="then_submit" in request.POST)


def _answer_page(request, year, code, *, then_submit):
    """The item page, or the save of its form (then the submit when `then_submit`)."""
    org = request.user.organization
    # The item with its place in the framework, from the year's kept structure.
    item = _framework(request, year).items_by_code.get(code)
    if item is None:
        raise Http404
    reads = _answer_shown if request.method == "GET" else _answer_to
    found = reads(org=org.pk, item=item.pk)
    answer = found[0] if found else OITAnswer(organization=org, item=item)
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
    if form.is_valid() and form.cleaned_data["remove_files"]:
        asked = _ask_before_removing_files(request, year, item, answer, attachments, form)
        if asked:
            return asked
    if form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.oit_answer_save(
                answer=answer,
                actor=request.user,
                version=data["version"],
                links=data["links"],
                where_to_find=data["where_to_find"],
                explanation=data["explanation"],
                element_evidence=data["element_evidence"],
                department=data.get("department"),
                # Only a form that showed the choice changes it (the admin's).
                set_department="department" in form.fields and "department" in request.POST,
                new_files=data["files"],
                remove_file_ids=data["remove_files"],
                exception_reasons=data["exception_reasons"],
                renewed=data["renewed"],
            )
        except Conflict as exc:
            if data["files"]:
                form.add_error("files", "ไฟล์ที่เลือกไว้ยังไม่ได้บันทึก กรุณาเลือกใหม่อีกครั้ง")
            current = OITAnswer.objects.for_listing().get(pk=exc.current.pk)
            exc.current = current
            ctx = _answer_context(request, year, item, current, form=form, conflict=current)
            ctx["form"] = form  # kept even if the answer can no longer be edited here
            return conflict_response(
                request, "oit/answer.html", ctx, form=form, conflict=exc, fields=ANSWER_FIELDS
            )
        except services.AnswerError as exc:
            messages.error(request, str(exc))
        except (OSError, DatabaseError):
            # A full disk or a database that fails: nothing was kept (files included),
            # and the typed answer is shown again to be sent once more.
            logger.exception("saving OIT answer %s of %s failed", code, year)
            form.add_error(None, STORAGE_FAILED)
            ctx = _answer_context(request, year, item, answer, form=form)
            return render(request, "oit/answer.html", ctx, status=503)
        else:
            # The checker opens the saved links in the background; the page shows its verdicts.
            tasks.check_answer_links.enqueue(saved.pk)
            if then_submit:
                try:
                    # The version the user's own save has just made.
                    services.oit_answer_submit(
                        answer=saved,
                        actor=request.user,
                        version=saved.version,
                        portal_hosts=portal_hosts(request),
                    )
                except services.AnswerError as exc:
                    messages.warning(request, f"บันทึกแล้ว แต่ยังส่งไม่ได้: {exc}")
                else:
                    messages.success(request, f"บันทึกและส่งข้อ {code} ให้ผู้บริหารพิจารณาแล้ว")
            else:
                messages.success(request, f"บันทึกข้อ {code} แล้ว")
            return redirect("oit:answer", year, code)
    else:
        messages.error(request, "ยังบันทึกไม่ได้ กรุณาแก้ไขตามข้อความสีแดง")
    ctx = _answer_context(request, year, item, answer, form=form)
    return render(request, "oit/answer.html", ctx, status=200)


def _ask_before_removing_files(request, year, item, answer, attachments, form):
    """Removing files is asked once more, naming them; None once it is confirmed, the
    form again (as typed) when declined."""
    asked = confirmation.files_removal(
        request,
        form,
        attachments,
        title=f"ยืนยันการลบไฟล์ของข้อ {item.code}",
        subject=f"คำตอบข้อ {item.code}",
    )
    if asked == "confirmed":
        return None
    if asked == "declined":
        return render(
            request, "oit/answer.html", _answer_context(request, year, item, answer, form=form)
        )
    return asked


# What another person's save may have changed, shown beside the refused form.
ANSWER_FIELDS = ["status", "department", "where_to_find", "explanation", "links", "review_comment"]


def _transition_view(request, year, code, action):
    answer = _answer(request, year, code)
    fallback = reverse("oit:answer", args=[year, code])
    form = ActionForm(request.POST)
    form.is_valid()  # two optional text fields: always valid
    version, comment = form.cleaned_data["version"], form.cleaned_data["comment"]
    try:
        if action == "submit":
            access.require(
                access.can_edit_department_work(request.user, answer.department_id),
                access.OTHER_DEPARTMENT,
            )
            services.oit_answer_submit(
                answer=answer,
                actor=request.user,
                version=version,
                portal_hosts=portal_hosts(request),
            )
            messages.success(request, f"ส่งข้อ {code} ให้ผู้บริหารพิจารณาแล้ว")
        elif action == "withdraw":
            access.require(
                access.can_edit_department_work(request.user, answer.department_id),
                access.OTHER_DEPARTMENT,
            )
            services.oit_answer_withdraw(answer=answer, actor=request.user, version=version)
            messages.success(request, f"ถอนข้อ {code} กลับมาเป็นร่างแล้ว แก้ไขแล้วส่งใหม่ได้")
        elif action == "approve":
            access.require(access.can_approve(request.user), access.EXECUTIVE_ONLY)
            services.oit_answer_approve(answer=answer, actor=request.user, version=version)
            messages.success(request, f"อนุมัติข้อ {code} แล้ว")
        elif action == "return":
            access.require(access.can_approve(request.user), access.EXECUTIVE_ONLY)
            services.oit_answer_return(
                answer=answer, actor=request.user, comment=comment, version=version
            )
            messages.success(request, f"ส่งข้อ {code} กลับให้แก้ไขพร้อมความเห็นแล้ว")
        elif action == "reopen":
            access.require(access.can_approve(request.user), access.EXECUTIVE_ONLY)
            if comment.strip() and not confirmation.is_confirmed(request):
                return confirmation.confirmation_page(
                    request,
                    title=f"ยืนยันการเปิดข้อ {code} ให้แก้ไขอีกครั้ง",
                    summary=f"ข้อ {code} ที่อนุมัติแล้วจะกลับเป็นร่างให้ "
                    f"{answer.department.name if answer.department else 'ผู้รับผิดชอบ'} แก้ไข "
                    "และต้องส่งให้ผู้บริหารอนุมัติใหม่",
                    items=[f"{code} {answer.item.title}", f"เหตุผล: {comment.strip()}"],
                    action_label=f"ยืนยัน เปิดข้อ {code} ให้แก้ไข",
                    cancel_url=fallback,
                )
            services.oit_answer_reopen(
                answer=answer, actor=request.user, reason=comment, version=version
            )
            messages.success(request, f"เปิดข้อ {code} ให้แก้ไขอีกครั้งแล้ว")
    except Conflict as exc:
        # The page (the item's or the queue's) was made from an older answer: show the
        # item as it is now, with the comment the executive typed kept in its box.
        current = _answer(request, year, code)
        exc.current = current
        ctx = _answer_context(request, year, current.item, current, conflict=current)
        ctx["typed_action"] = action
        return conflict_response(
            request,
            "oit/answer.html",
            ctx,
            form=form,
            conflict=exc,
            fields=ANSWER_FIELDS,
            form_name="action_form",
        )
    except services.AnswerError as exc:
        messages.error(request, str(exc))
    return redirect(_next_url(request, fallback))


# Fields only the answer form posts: a submit that carries them carries typed text too.
_ANSWER_FORM_FIELDS = ("where_to_find", "explanation", "link_url", "link_label")


@access.member_required
@require_POST
def oit_submit(request, year, code):
    """Send the answer to the executive. A post that carries the answer form (the side
    button belongs to that form) saves what was typed first, as "save and send" does:
    sending must never lock an answer with the typed text left behind."""
    if any(name in request.POST for name in _ANSWER_FORM_FIELDS):
        return _answer_page(request, year, code, then_submit=True)
    return _transition_view(request, year, code, "submit")


@access.member_required
@require_POST
def oit_withdraw(request, year, code):
    return _transition_view(request, year, code, "withdraw")


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
    return _queue_page(request, year)


def _queue_page(request, year, *, selected=(), status=200):
    # Read with the organization's years (itaportal.prepared: one round trip).
    _submitted_for_review.ahead(org=request.user.organization_id, year=year)
    _clarifications_waiting.ahead(org=request.user.organization_id, year=year)
    framework = _framework(request, year)
    org = request.user.organization
    answers = _of_organization(_submitted_for_review(org=org.pk, year=year), org)
    hosts = portal_hosts(request)
    cards = []
    for answer in answers:
        attachments = list(answer.attachments.all())
        cards.append(
            {
                "answer": answer,
                "links": linkchecks.with_checks(
                    answer.link_checks(hosts), linkchecks.prefetched_checks(answer)
                ),
                "attachments": attachments,
                "elements": answer.elements(attachments),
                "exceptions": answer.exceptions(hosts, attachments),
                "selected": answer.pk in selected,
            }
        )
    return render(
        request,
        "oit/queue.html",
        {
            "year": year,
            "years": organization_years(request.user.organization_id),
            "framework": framework,
            "cards": cards,
            "selected_any": any(card["selected"] for card in cards),
            "can_approve": access.can_approve(request.user),
            "clarifications_waiting": _clarifications_waiting(org=org.pk, year=year),
        },
        status=status,
    )


def _approval_line(answer):
    """One answer on the bulk approval's confirmation: the item, who answered, and the
    files approving makes public."""
    who = answer.department.name if answer.department else "ยังไม่มอบหมาย"
    line = f"{answer.item.code} {answer.item.title} ({who})"
    names = [a.original_name for a in answer.attachments.all()]
    return f"{line} · ไฟล์ที่จะเปิดเผย: {', '.join(names)}" if names else line


@access.member_required
@require_POST
def oit_approve_many(request, year):
    """Approve the chosen answers, each at the version the queue showed (`version_<id>`)."""
    access.require(access.can_approve(request.user), access.EXECUTIVE_ONLY)
    ids = {thai.parse_int(pk) for pk in request.POST.getlist("answers")} - {None}
    found = OITAnswer.objects.filter(organization=request.user.organization, pk__in=ids)
    if found.count() != len(ids):
        raise Http404  # another organization's answers are not even acknowledged
    chosen = list(
        found.select_related("item", "department")
        .prefetch_related("attachments")
        .order_by("item__number", "pk")
    )
    # Asked once more only when it would go through: a stale or no longer submitted choice
    # meets the service's refusal (409 with the fresh queue) at once.
    would_pass = all(
        a.status == OITAnswer.Status.SUBMITTED
        and str(a.version) == request.POST.get(f"version_{a.pk}", "").strip()
        for a in chosen
    )
    if chosen and would_pass and not confirmation.is_confirmed(request):
        files = sum(len(a.attachments.all()) for a in chosen)
        public = (
            f" ไฟล์แนบ {files} ไฟล์ของข้อเหล่านี้จะเปิดให้ทุกคนดาวน์โหลดได้จากหน้าสาธารณะของหน่วยงาน"
            if files
            else ""
        )
        return confirmation.confirmation_page(
            request,
            title=f"ยืนยันการอนุมัติ {len(chosen)} ข้อ",
            summary=f"จะอนุมัติ {len(chosen)} ข้อ ({', '.join(a.item.code for a in chosen)}) "
            "คำตอบที่อนุมัติแล้วจะถูกล็อก แก้ไขได้อีกเมื่อผู้บริหารเปิดให้แก้ไขเท่านั้น" + public,
            items=[_approval_line(a) for a in chosen],
            action_label=f"ยืนยัน อนุมัติ {len(chosen)} ข้อ",
            cancel_url=reverse("oit:queue", args=[year]),
            tone="success",
        )
    try:
        approved = services.oit_answer_approve_many(
            organization=request.user.organization,
            answer_versions={pk: request.POST.get(f"version_{pk}") for pk in ids},
            actor=request.user,
        )
    except Conflict as exc:
        # The queue as it is now, the choice kept for what still waits: nothing typed
        # but the choice is at stake, so the message and the fresh cards say it all.
        messages.error(request, str(exc))
        return _queue_page(request, year, selected=ids, status=409)
    except services.AnswerError as exc:
        messages.error(request, str(exc))
    else:
        codes = ", ".join(a.item.code for a in approved)
        messages.success(request, f"อนุมัติ {len(approved)} ข้อแล้ว ({codes})")
    return redirect("oit:queue", year)


@access.member_required
def oit_progress(request, year):
    """Approved out of total, per sub-indicator, what is at stake, and the predicted score."""
    # Read with the organization's years (itaportal.prepared: one round trip).
    _current_listed.ahead(org=request.user.organization_id, year=year)
    selectors.scored_years_ahead(request.user.organization_id, year)
    framework = _framework(request, year)
    org = request.user.organization
    answers = _of_organization(_current_listed(org=org.pk, year=year), org)
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
                            "points": points.get(item.code),  # None: item list partial
                            "unticked": unticked,
                        }
                    )
    pending.sort(key=lambda p: (-(p["points"] or 0), p["item"].number))
    scored = selectors.scored_years(org, year)
    result, oit_scores, borrowed_from = selectors.predicted_result(framework, year, answers, scored)
    return render(
        request,
        "oit/progress.html",
        {
            "year": year,
            "years": organization_years(request.user.organization_id),
            "framework": framework,
            "subs": subs,
            "pending": pending,
            "total": total,
            "approved": approved,
            "percent": round(100 * approved / total) if total else 0,
            "predicted": result,
            "oit_scores": sorted(oit_scores.items()),
            "borrowed_from": borrowed_from,
            "last": selectors.last_published(scored),
            "oit_code": Instrument.Code.OIT,
        },
    )


@access.admin_required
@require_http_methods(["GET", "POST"])
def oit_assign(request, year):
    """The agency admin gives items to departments, many at once."""
    framework = _framework(request, year)
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
            "years": organization_years(request.user.organization_id),
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
    framework = _framework(request, year)
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
    return render(
        request,
        "oit/copy.html",
        {
            "year": year,
            "years": organization_years(request.user.organization_id),
            "framework": framework,
            "plan": plan,
        },
    )


@access.member_required
def oit_attachment(request, year, pk):
    """An attachment, for logged-in members of the answer's organization only."""
    attachment = access.get_for_user(
        request.user,
        OITAnswerAttachment.objects.in_year(year).select_related("answer"),
        org_field="answer__organization",
        pk=pk,
    )
    return serve_file(attachment)


def public_attachment(request, org_slug, year, pk):
    """An attachment of an approved answer, for anyone; every other file answers 404."""
    org = get_object_or_404(Organization, slug=org_slug)
    attachment = get_object_or_404(
        OITAnswerAttachment.objects.in_year(year).select_related("answer"),
        pk=pk,
        answer__organization=org,
        answer__status=Status.APPROVED,
    )
    if attachment.answer.status != Status.APPROVED:
        raise Http404
    return serve_file(attachment)
