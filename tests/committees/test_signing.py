"""A signed order is locked: only the executive reopens it, and the history says so."""

import pytest
from django.urls import reverse

from committees.documents import render_order
from committees.models import Order
from committees.services import OrderError, order_reopen, order_save
from tests import pdf
from tests.committees.conftest import make_order


@pytest.fixture
def signed(org):
    return make_order(org, status=Order.Status.SIGNED)


def save_again(order, user):
    return order_save(
        organization=order.organization, user=user, committees=[], order=order,
        version=order.version, number=order.number, year=order.year, subject="แก้เรื่อง",
        fiscal_year=order.fiscal_year, signed_on=order.signed_on,
        signer_name=order.signer_name, status=order.status,
    )  # fmt: skip


def test_a_draft_prints_with_the_draft_watermark_and_a_signed_order_without(org, signed):
    draft = make_order(org, number=5, status=Order.Status.DRAFT)
    assert pdf.contains(render_order(draft).content, "ร่าง")
    assert not pdf.contains(render_order(signed).content, "ร่าง")


def test_a_signed_order_cannot_be_changed(signed, analyst):
    with pytest.raises(OrderError, match="ลงนามแล้ว"):
        save_again(signed, analyst)
    signed.refresh_from_db()
    assert signed.subject != "แก้เรื่อง" and signed.version == 1


def test_marking_a_draft_signed_locks_it(org, analyst):
    draft = make_order(org, number=5, status=Order.Status.DRAFT)
    draft.status = Order.Status.SIGNED
    signed = save_again(draft, analyst)
    assert signed.is_signed
    with pytest.raises(OrderError):
        save_again(Order.objects.get(pk=signed.pk), analyst)


def test_the_executive_reopens_it_with_a_reason_kept_in_the_history(signed, mayor, analyst):
    order_reopen(order=signed, user=mayor, version=signed.version, reason="แก้เลขที่คำสั่ง")
    signed.refresh_from_db()
    assert signed.status == Order.Status.DRAFT and signed.signed_on is not None
    last = signed.history.order_by("-history_id").first()
    assert last.history_user == mayor
    assert last.history_change_reason == "เปิดแก้ไขหลังลงนาม: แก้เลขที่คำสั่ง"
    assert save_again(signed, analyst).subject == "แก้เรื่อง"


def test_only_the_executive_reopens_and_only_with_a_reason(signed, analyst, mayor):
    with pytest.raises(OrderError, match="เฉพาะผู้บริหาร"):
        order_reopen(order=signed, user=analyst, version=signed.version, reason="x")
    with pytest.raises(OrderError, match="เหตุผล"):
        order_reopen(order=signed, user=mayor, version=signed.version, reason="  ")
    signed.refresh_from_db()
    assert signed.is_signed


def test_the_detail_page_offers_reopening_to_the_executive_only(login, signed, mayor, analyst):
    url = reverse("committees:detail", args=[signed.pk])
    assert reverse("committees:reopen", args=[signed.pk]) in login(mayor).get(url).content.decode()
    page = login(analyst).get(url).content.decode()
    assert reverse("committees:reopen", args=[signed.pk]) not in page
    assert reverse("committees:edit", args=[signed.pk]) not in page


def test_the_reopen_button_works_and_an_old_page_gets_a_conflict(login, signed, mayor):
    client = login(mayor)
    url = reverse("committees:reopen", args=[signed.pk])
    response = client.post(url, {"reason": "แก้ชื่อ", "version": signed.version})
    assert response.status_code == 302
    assert Order.objects.get(pk=signed.pk).status == Order.Status.DRAFT
    stale = client.post(url, {"reason": "แก้อีก", "version": signed.version})
    # Someone reopened it since the page was made: the page says so, as stored now.
    assert stale.status_code == 409
    assert "ข้อมูลล่าสุดที่บันทึกไว้" in stale.content.decode()
    assert Order.objects.get(pk=signed.pk).version == signed.version + 1
