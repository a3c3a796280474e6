"""Actions on announcements: save, mark signed, reopen, attach to an OIT answer.

They follow the write contract of itaportal.editing: a change is based on the version the
page showed (lock_version, else Conflict) and saved with bump_version, so the field
history keeps every step, including who reopened a signed announcement and why.
"""

from django.core.files.base import ContentFile
from django.db import transaction

from announcements.documents import render_announcement
from announcements.models import Announcement
from itaportal import access, signing
from itaportal.editing import DomainError, bump_version, lock_version
from oit.models import OITAnswer
from oit.services import AnswerError, oit_answer_save

SIGNED_LOCKED = signing.locked_message("ประกาศ")


class AnnouncementError(DomainError):
    """A refused action on an announcement (the message is Thai)."""


def _locked(user, announcement, version):
    return lock_version(
        Announcement.objects.filter(organization=user.organization),
        pk=announcement.pk,
        version=version,
    )


@transaction.atomic
def announcement_save(
    *, organization, user, announcement=None, version=None, kind, fiscal_year, subject, body,
    signer_prefix="", signer_name="", signer_position="",
):  # fmt: skip
    """Create an announcement of `organization` (`announcement` None) or change one that
    is still a draft and still at `version`."""
    if not access.can_manage(user):
        raise AnnouncementError(access.ADMIN_ONLY)
    if announcement is None:
        announcement = Announcement(organization=organization)
    else:
        announcement = _locked(user, announcement, version)
        if announcement.is_signed:
            raise AnnouncementError(SIGNED_LOCKED)
    if not subject.strip():
        raise AnnouncementError("กรุณาระบุเรื่องของประกาศ", field="subject")
    if not body.strip():
        raise AnnouncementError("กรุณาระบุข้อความของประกาศ", field="body")
    announcement.kind, announcement.fiscal_year = kind, fiscal_year
    announcement.subject, announcement.body = subject.strip(), body.strip()
    announcement.signer_prefix, announcement.signer_name = signer_prefix, signer_name
    announcement.signer_position = signer_position
    announcement.updated_by = user
    if announcement.pk is None:
        announcement.save()
    else:
        bump_version(announcement)
    return announcement


@transaction.atomic
def announcement_sign(*, announcement, user, version, signed_on):
    """The admin records that the announcement was signed on `signed_on`: it then prints
    without "ร่าง" and is locked until the executive reopens it."""
    signing.check_signing(user, signed_on, error=AnnouncementError)
    announcement = _locked(user, announcement, version)
    if announcement.is_signed:
        raise AnnouncementError(SIGNED_LOCKED)
    if not announcement.signer_name.strip():
        raise AnnouncementError("ประกาศที่ลงนามแล้วต้องมีชื่อผู้ลงนาม กรุณาแก้ไขประกาศก่อน")
    announcement.signed_on = signed_on
    announcement.updated_by = user
    bump_version(announcement, update_fields=["signed_on", "updated_by"])
    return announcement


@transaction.atomic
def announcement_reopen(*, announcement, user, version, reason):
    """The executive reopens a signed announcement; the history records who and why."""
    note = signing.reopen_note(user, reason, noun="ประกาศ", error=AnnouncementError)
    announcement = _locked(user, announcement, version)
    if not announcement.is_signed:
        raise AnnouncementError(signing.not_signed_message("ประกาศ"))
    announcement.signed_on = None
    announcement.updated_by = user
    announcement._change_reason = note
    bump_version(announcement, update_fields=["signed_on", "updated_by"])
    return announcement


def announcement_attach(*, announcement, user, item):
    """Attach the signed announcement's PDF to the organization's answer to OIT `item`,
    through the OIT answer's own save (its rules: an approved or submitted answer is
    locked; the admin may edit any department's answer). Returns the answer."""
    if not access.can_manage(user):
        raise AnnouncementError(access.ADMIN_ONLY)
    if not announcement.is_signed:
        raise AnnouncementError("แนบได้เมื่อประกาศลงนามแล้ว (ร่างมีลายน้ำ “ร่าง” ใช้เป็นหลักฐานไม่ได้)")
    if item.sub_indicator.indicator.framework.year != announcement.fiscal_year:
        raise AnnouncementError("ข้อ OIT ต้องเป็นของปีงบประมาณเดียวกับประกาศ", field="item")
    document = render_announcement(announcement)
    answer = OITAnswer.objects.filter(organization=announcement.organization, item=item).first()
    if answer is None:
        answer = OITAnswer(organization=announcement.organization, item=item)
    upload = ContentFile(document.content, name=document.filename)
    try:
        # The admin never saw the answer's page: its version is the stored one, and a
        # save between this read and the answer's lock is still refused as a Conflict.
        return oit_answer_save(
            answer=answer, actor=user, version=answer.version,
            links=answer.links, where_to_find=answer.where_to_find,
            explanation=answer.explanation, element_evidence=answer.element_evidence,
            new_files=[upload],
        )  # fmt: skip
    except AnswerError as exc:
        raise AnnouncementError(str(exc)) from None
