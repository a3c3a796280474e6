"""Asking once more before what cannot be undone.

A destructive POST (bulk approval, reopening, removing committees, members or files) is
answered first by a page that names what will happen, with the counts and item codes, and
a button that posts the same data again with `confirmed=yes`. Nothing happens until then,
whatever sent the first POST (a click, Enter in a ticked checkbox, a script). The page is
plain HTML: accessible and CSP-clean, no dialog script to trust.
"""

from django.contrib import messages
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat

FIELD = "confirmed"
YES = "yes"
NO = "no"
# Never replayed: the token is rendered afresh, the answer is what the page asks for.
NOT_REPLAYED = {"csrfmiddlewaretoken", FIELD}


def is_confirmed(request):
    return request.POST.get(FIELD) == YES


def is_declined(request):
    """The user chose to go back to the form with what they typed (cancel_url=None)."""
    return request.POST.get(FIELD) == NO


def confirmation_page(
    request, *, title, summary, items=(), action_label, cancel_url, tone="danger"
):
    """The page that asks: `title` as its heading, `summary` (one sentence of what will
    happen), `items` (one line per thing affected), a button `action_label` that posts the
    same fields again, confirmed, and a link back to `cancel_url`; without one, the way back
    posts the fields with `confirmed=no`, so a long form comes back as typed. `tone` colours the
    button as Bootstrap does ("danger" for removals, "success" for approvals)."""
    replay = [
        (name, value)
        for name in request.POST
        if name not in NOT_REPLAYED
        for value in request.POST.getlist(name)
    ]
    return render(
        request,
        "confirm.html",
        {
            "title": title,
            "summary": summary,
            "items": list(items),
            "action_label": action_label,
            "cancel_url": cancel_url,
            "replay": replay,
            "field": FIELD,
            "yes": YES,
            "no": NO,
            "tone": tone,
        },
    )


def files_removal(request, form, attachments, *, title, subject):
    """The question before a form's save removes files (`form.cleaned_data` has
    `remove_files`, the ids ticked, and `files`, the new uploads): "confirmed", "declined"
    or the confirmation page naming each file. Declined keeps the typed text and says so;
    new uploads cannot travel through the question, so the user is told to choose them
    again."""
    data = form.cleaned_data
    if is_confirmed(request):
        return "confirmed"
    if is_declined(request):
        if data["files"]:
            form.add_error("files", "ไฟล์ที่เลือกไว้ยังไม่ได้บันทึก กรุณาเลือกใหม่อีกครั้ง")
        messages.info(request, "ยังไม่ได้บันทึก แก้ไขต่อได้จากที่พิมพ์ไว้")
        return "declined"
    ticked = set(data["remove_files"])
    removed = [a for a in attachments if a.pk in ticked]
    lines = [f"ลบไฟล์ {a.original_name} ({filesizeformat(a.size)})" for a in removed]
    if data["files"]:
        lines.append(
            f"ไฟล์ใหม่ที่เลือกไว้ {len(data['files'])} ไฟล์ยังไม่ได้แนบ: หลังยืนยันแล้ว กรุณาเลือกแนบอีกครั้ง"
        )
    return confirmation_page(
        request,
        title=title,
        summary=f"เมื่อบันทึก จะลบ {len(removed)} ไฟล์ออกจาก{subject} พร้อมกับบันทึกส่วนอื่นที่แก้ไข",
        items=lines,
        action_label=f"ยืนยัน ลบ {len(removed)} ไฟล์และบันทึก",
        cancel_url=None,
    )
