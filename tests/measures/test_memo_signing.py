"""A memo is a draft (printed with "ร่าง") until the admin records it signed; then it is
locked, and only the executive reopens it, with a reason kept in its history."""

from datetime import date

import pytest
from django.urls import reverse

from measures import documents, services
from measures.models import Memo
from tests import pdf
from tests.measures.test_documents import memo  # noqa: F401 (fixture)


def edit(memo, **changes):  # noqa: F811
    fields = {
        "issuing_unit": memo.issuing_unit, "number": memo.number, "date": memo.date,
        "subject": memo.subject, "addressee": memo.addressee, "body": memo.body,
        "closing": memo.closing, "signer_name": memo.signer_name,
        "signer_position": memo.signer_position, **changes,
    }  # fmt: skip
    return services.memo_save(assessment=memo.assessment, memo=memo, version=memo.version, **fields)


def sign(memo, user, day=date(2022, 11, 1)):  # noqa: F811
    return services.memo_sign(memo=memo, user=user, version=memo.version, signed_on=day)


def test_a_draft_memo_prints_with_the_watermark_and_a_signed_one_without(memo, analyst):  # noqa: F811
    assert pdf.contains(documents.render_memo(memo).content, "ร่าง")
    signed = sign(memo, analyst)
    assert not pdf.contains(documents.render_memo(signed).content, "ร่าง")


def test_signing_needs_the_admin_and_a_date_not_before_the_memo(memo, analyst, mayor):  # noqa: F811
    with pytest.raises(services.MeasureError):
        sign(memo, mayor)
    with pytest.raises(services.MeasureError, match="ไม่ก่อนวันที่"):
        sign(memo, analyst, day=date(2022, 10, 1))
    with pytest.raises(services.MeasureError, match="วันที่ลงนาม"):
        services.memo_sign(memo=memo, user=analyst, version=memo.version, signed_on=None)
    assert not Memo.objects.get(pk=memo.pk).is_signed


def test_a_signed_memo_is_locked_until_the_executive_reopens_it(memo, analyst, mayor):  # noqa: F811
    signed = sign(memo, analyst)
    with pytest.raises(services.MeasureError, match="ลงนามแล้ว"):
        edit(signed, subject="แก้เรื่อง")
    with pytest.raises(services.MeasureError, match="เฉพาะผู้บริหาร"):
        services.memo_reopen(memo=signed, user=analyst, version=signed.version, reason="แก้")
    with pytest.raises(services.MeasureError, match="เหตุผล"):
        services.memo_reopen(memo=signed, user=mayor, version=signed.version, reason="")
    reopened = services.memo_reopen(
        memo=signed, user=mayor, version=signed.version, reason="แก้ชื่อผู้รับ"
    )
    assert not reopened.is_signed
    last = reopened.history.order_by("-history_id").first()
    assert last.history_user == mayor
    assert last.history_change_reason == "เปิดแก้ไขหลังลงนาม: แก้ชื่อผู้รับ"
    assert edit(reopened, subject="แก้เรื่อง").subject == "แก้เรื่อง"


def test_the_memo_page_signs_and_reopens(login, memo, analyst, mayor):  # noqa: F811
    client = login(analyst)
    detail = reverse("measures:memo_detail", args=[memo.pk])
    assert reverse("measures:memo_sign", args=[memo.pk]) in client.get(detail).content.decode()
    response = client.post(
        reverse("measures:memo_sign", args=[memo.pk]),
        {"signed_on": "2022-11-02", "version": memo.version},
    )
    assert response.status_code == 302
    memo.refresh_from_db()
    assert memo.signed_on == date(2022, 11, 2)
    page = client.get(detail).content.decode()
    assert reverse("measures:memo_edit", args=[memo.pk]) not in page
    client = login(mayor)
    assert reverse("measures:memo_reopen", args=[memo.pk]) in client.get(detail).content.decode()
    stale = client.post(
        reverse("measures:memo_reopen", args=[memo.pk]),
        {"reason": "แก้", "version": memo.version - 1},
    )
    assert stale.status_code == 409 and 'value="แก้"' in stale.content.decode()
    response = client.post(
        reverse("measures:memo_reopen", args=[memo.pk]),
        {"reason": "แก้", "version": memo.version},
    )
    assert response.status_code == 302 and not Memo.objects.get(pk=memo.pk).is_signed
