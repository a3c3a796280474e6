from django.apps import apps
from django.http import Http404
from django.shortcuts import render

from audit.history import part_changes, record_changes
from audit.tracked import org_path_for, record_page, record_parts
from itaportal import access


@access.member_required
def history(request, app_label, model_name, pk):
    """Who changed what and when, field by field, for one record of the organization."""
    access.require(
        access.can_manage(request.user) or access.can_approve(request.user),
        "เฉพาะผู้ดูแลระบบหน่วยงานและผู้บริหารเท่านั้นที่ดูประวัติการแก้ไขได้",
    )
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        raise Http404 from None
    org_path = org_path_for(model)
    if org_path is None:
        raise Http404
    obj = access.get_for_user(request.user, model, org_field=org_path, pk=pk)
    # Domain events (approvals, returns, acknowledgements) join the field changes in one
    # timeline, newest first.
    events = obj.audit_events() if hasattr(obj, "audit_events") else []
    # Its parts' changes too (a measure's quarterly reports and evidence, an order's
    # committees and members, an answer's files): one history per record.
    parts = [change for part, ids in record_parts(model, pk) for change in part_changes(part, ids)]
    timeline = sorted(
        record_changes(model, pk) + events + parts, key=lambda c: c["when"], reverse=True
    )
    return render(
        request,
        "audit/history.html",
        {
            "object": obj,
            "verbose_name": model._meta.verbose_name,
            "changes": timeline,
            "record_url": record_page(obj),
        },
    )
