from functools import partial

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from committees.documents import render_order
from committees.forms import (
    ROW_ACTION,
    CommitteeForm,
    CommitteeFormSet,
    CopyForm,
    OrderForm,
    apply_row_action,
)
from committees.models import DEFAULT_CLOSING, Order
from committees.services import (
    CommitteeData,
    OrderError,
    order_copy_forward,
    order_reopen,
    order_save,
)
from committees.standard import standard_order
from itaportal import access, confirmation, signing, thai
from itaportal.documents import DocumentError
from itaportal.editing import Conflict, changed_fields, conflict_response, show_error
from itaportal.forms import ReopenForm
from itaportal.prepared import PreparedQuery
from itaportal.years import opening_year


@access.member_required
def order_list(request):
    """The orders of one fiscal year (?year=, else the current one when it has orders,
    else the latest), with the switch to the other years that have orders."""
    # An organization has a few orders a year: read them all once, for the years too.
    orders = list(Order.objects.for_organization(request.user.organization).for_listing())
    years = sorted({o.fiscal_year for o in orders}, reverse=True)
    year = thai.parse_int(request.GET.get("year")) or opening_year(
        years, thai.current_fiscal_year()
    )
    return render(
        request,
        "committees/order_list.html",
        {
            "orders": [o for o in orders if o.fiscal_year == year],
            "year": year,
            "years": years,
            "can_manage": access.can_manage(request.user),
        },
    )


def _detail_context(request, order, reopen_form=None):
    can_reopen = order.is_signed and access.can_approve(request.user)
    return {
        "order": order,
        "committees": order.committees.all(),
        "can_manage": access.can_manage(request.user),
        "reopen_form": (reopen_form or ReopenForm(initial={"version": order.version}))
        if can_reopen
        else None,
    }


_order_of = PreparedQuery(
    lambda org, pk: Order.objects.with_contents().filter(organization=org, pk=pk), "org", "pk"
)


@access.member_required
def order_detail(request, pk):
    order = access.get_prepared_for_user(request.user, _order_of, pk=pk)
    return render(request, "committees/order_detail.html", _detail_context(request, order))


@access.member_required
def order_pdf(request, pk, format="pdf"):
    """The order as PDF, or as the Word file a clerk edits (`format` "docx")."""
    order = access.get_for_user(request.user, Order, pk=pk)
    try:
        return render_order(order, format=format).as_response(inline=format == "pdf")
    except DocumentError as exc:
        messages.error(request, str(exc))
        return redirect("committees:detail", pk=order.pk)


@access.member_required
@require_POST
def order_reopen_view(request, pk):
    """The executive reopens a signed order so the admin can change it; history keeps why."""
    access.require(access.can_approve(request.user), access.EXECUTIVE_ONLY)
    order = access.get_for_user(request.user, Order, pk=pk)

    def page():
        current = access.get_for_user(request.user, Order.objects.with_contents(), pk=pk)
        return "committees/order_detail.html", _detail_context(request, current), current

    return signing.signing_view(
        request,
        action="reopen",
        reopen=partial(order_reopen, order=order, user=request.user),
        error=OrderError,
        done="เปิดคำสั่งให้แก้ไขแล้ว คำสั่งกลับเป็นร่างและบันทึกไว้ในประวัติ",
        page=page,
        back=reverse("committees:detail", kwargs={"pk": order.pk}),
        fields=["status", "signed_on"],
    )


def _committee_changes(conflict, typed):
    """The committees as stored, when they differ from those on the page."""
    stored = [CommitteeData.from_committee(c) for c in conflict.current.committees.all()]
    if stored == typed:
        return []
    names = "\n".join(f"{n}. {c.name} ({len(c.members)} คน)" for n, c in enumerate(stored, 1))
    return [("คณะกรรมการและหน้าที่", names)]


def _removals(order, typed):
    """What saving `typed` over the stored order takes away, one line each:
    (whole committees, members of the committees that stay, matched by name)."""
    stored = [CommitteeData.from_committee(c) for c in order.committees.all()]
    kept = {c.name: c for c in typed}
    committees, members = [], []
    for committee in stored:
        if committee.name not in kept:
            committees.append(f"ลบคณะ “{committee.name}” ({len(committee.members)} คน) ออกจากคำสั่ง")
            continue
        remaining = {(m.position_title, m.person_name) for m in kept[committee.name].members}
        for m in committee.members:
            if (m.position_title, m.person_name) not in remaining:
                who = " ".join(filter(None, [m.person_name, m.position_title]))
                members.append(f"ลบกรรมการ {who} ออกจากคณะ “{committee.name}”")
    return committees, members


@access.admin_required
@require_http_methods(["GET", "POST"])
def order_edit(request, pk=None):
    """One page for the order's header and all its committees, members and duties."""
    org = request.user.organization
    if pk:
        order = access.get_for_user(request.user, Order.objects.with_contents(), pk=pk)
        initial = [CommitteeForm.initial_for(c) for c in order.committees.all()]
    else:
        # A new order starts from the standard text, which the admin edits; nothing is
        # saved before they press save.
        today = timezone.localdate()
        header, committees = standard_order(organization=org, fiscal_year=thai.fiscal_year(today))
        order = Order(
            organization=org, year=thai.be_year(today.year), closing=DEFAULT_CLOSING, **header
        )
        initial = [CommitteeForm.initial_for(c) for c in committees]
    data = request.POST if request.method == "POST" else None
    # A row button (add a member row, move one) posts the page back to be shown again as
    # changed; nothing is saved.
    row_action = data is not None and ROW_ACTION in data
    if row_action:
        data = apply_row_action(data, data[ROW_ACTION]) or data
    form = OrderForm(data, instance=order)
    formset = CommitteeFormSet(data, initial=initial, prefix="committees")
    context = {"formset": formset, "order": order, "row_action": row_action}
    if row_action:
        return render(request, "committees/order_form.html", {**context, "form": form})
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        header = {name: form.cleaned_data[name] for name in OrderForm.Meta.fields}
        committees = formset.committee_data()
        dropped, removed = _removals(order, committees) if order.pk else ([], [])
        if (dropped or removed) and confirmation.is_declined(request):
            messages.info(request, "ยังไม่ได้บันทึก แก้ไขต่อได้จากที่พิมพ์ไว้")
            return render(request, "committees/order_form.html", {**context, "form": form})
        asking = (dropped or removed) and not confirmation.is_confirmed(request)
        try:
            with transaction.atomic():
                saved = order_save(
                    organization=org,
                    order=order if order.pk else None,
                    version=form.cleaned_data["version"],
                    user=request.user,
                    committees=committees,
                    **header,
                )
                # A save that removes committees or members is tried and undone, then
                # asked once more: the question comes only for a save that would succeed
                # (a stale page meets its conflict, a bad date its message, first).
                if asking:
                    transaction.set_rollback(True)
        except Conflict as exc:
            exc.current = Order.objects.with_contents().get(pk=exc.current.pk)
            changes = changed_fields(exc, header, OrderForm.Meta.fields)
            return conflict_response(
                request,
                "committees/order_form.html",
                context,
                form=form,
                conflict=exc,
                changes=changes + _committee_changes(exc, committees),
            )
        except OrderError as exc:
            show_error(form, exc)
        else:
            if asking:
                counts = [f"{len(dropped)} คณะ"] if dropped else []
                counts += [f"กรรมการ {len(removed)} คน"] if removed else []
                return confirmation.confirmation_page(
                    request,
                    title=f"ยืนยันการลบออกจากคำสั่งที่ {order.number_text}",
                    summary=f"เมื่อบันทึก จะลบ {' และ'.join(counts)} ออกจากคำสั่งนี้ พร้อมกับบันทึกส่วนอื่นที่แก้ไข",
                    items=removed + dropped,
                    action_label="ยืนยัน ลบและบันทึกคำสั่ง",
                    cancel_url=None,
                )
            messages.success(request, f"บันทึกคำสั่งที่ {saved.number_text} แล้ว")
            return redirect("committees:detail", pk=saved.pk)
    return render(request, "committees/order_form.html", {**context, "form": form})


@access.admin_required
@require_http_methods(["GET", "POST"])
def order_copy(request, pk):
    """Start next year's order from this one: a new draft with the same committees."""
    order = access.get_for_user(request.user, Order, pk=pk)
    form = CopyForm(request.POST or None, initial={"year": order.year + 1})
    if request.method == "POST" and form.is_valid():
        try:
            copy = order_copy_forward(
                order=order,
                year=form.cleaned_data["year"],
                number=form.cleaned_data["number"],
                user=request.user,
            )
        except OrderError as exc:
            show_error(form, exc)
        else:
            messages.success(
                request,
                f"สร้างร่างคำสั่งที่ {copy.number_text} จากคำสั่งเดิมแล้ว "
                "กรุณาตรวจแก้ปี พ.ศ. ในข้อความ วันที่สั่ง และรายชื่อคณะ",
            )
            return redirect("committees:edit", pk=copy.pk)
    return render(request, "committees/order_copy.html", {"form": form, "order": order})
