"""Signing and reopening an official document: one rule for orders, memos and announcements.

A signed document is the paper the executive signed. The agency admin records the signing
(with its date); from then on the document is locked, and only the executive can reopen
it, saying why. The history keeps who reopened it and the reason. Each app keeps what is
its own (which field marks a document signed, what must hold before signing) and takes the
checks, the Thai messages and the page flow from here.
"""

from django.contrib import messages
from django.shortcuts import redirect

from itaportal import access
from itaportal.editing import Conflict, conflict_response
from itaportal.forms import ReopenForm, SignForm


def locked_message(noun: str) -> str:
    """Why a signed `noun` (คำสั่ง, บันทึกข้อความ, ประกาศ) cannot be changed."""
    return (
        f"{noun}นี้ลงนามแล้ว จึงแก้ไขไม่ได้ หากต้องแก้ไข ผู้บริหารต้องเปิดให้แก้ไขก่อน (ระบบบันทึกการเปิดแก้ไขไว้ในประวัติ)"
    )


def check_signing(user, signed_on, *, error):
    """Only the agency admin records a signing, and always with its date."""
    if not access.can_manage(user):
        raise error(access.ADMIN_ONLY)
    if signed_on is None:
        raise error("กรุณาระบุวันที่ลงนาม", field="signed_on")


def reopen_note(user, reason, *, noun: str, error) -> str:
    """Check that the executive reopens with a reason; the note the history keeps."""
    if not user.is_executive:
        raise error(f"เฉพาะผู้บริหารเท่านั้นที่เปิด{noun}ที่ลงนามแล้วให้แก้ไขได้")
    reason = (reason or "").strip()
    if not reason:
        raise error(f"กรุณาระบุเหตุผลที่ต้องแก้ไข{noun}ที่ลงนามแล้ว", field="reason")
    return f"เปิดแก้ไขหลังลงนาม: {reason}"[:100]


def not_signed_message(noun: str) -> str:
    return f"{noun}นี้ยังไม่ได้ลงนาม แก้ไขได้อยู่แล้ว"


def signing_view(request, *, action, sign=None, reopen=None, error, done, page, back, fields):
    """The POST of a document's sign or reopen form.

    `sign(version=, signed_on=)` and `reopen(version=, reason=)` are the app's services;
    `done` the success message; `page()` gives (template, context, record) of the record as
    stored now, for the 409 page around what the user typed; `back` where to go after;
    `fields` the record's fields a conflict shows."""
    form = (SignForm if action == "sign" else ReopenForm)(request.POST)
    form.is_valid()  # the service says what is missing
    data = form.cleaned_data
    try:
        if action == "sign":
            sign(version=data.get("version"), signed_on=data.get("signed_on"))
        else:
            reopen(version=data.get("version"), reason=data.get("reason", ""))
    except Conflict as exc:
        template, context, exc.current = page()
        return conflict_response(
            request, template, context, form=form, conflict=exc, fields=fields,
            form_name=f"{action}_form",
        )  # fmt: skip
    except error as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done)
    return redirect(back)
