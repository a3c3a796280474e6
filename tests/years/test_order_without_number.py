"""A copied order is a draft without a number until the registry gives it one."""

from django.urls import reverse

from committees.models import Order
from committees.services import order_copy_forward
from tests.committees.conftest import committee_fields, form_data, make_order


def test_two_drafts_of_one_year_may_both_wait_for_their_number(org, analyst):
    source = make_order(org)
    first = order_copy_forward(order=source, year=2566, number=None, user=analyst)
    second = order_copy_forward(order=source, year=2566, number=None, user=analyst)
    assert first.number is None and second.number is None
    assert str(first).startswith("คำสั่งที่ …/2566")
    assert first.pdf_filename == "order-draft-2566.pdf"


def test_the_pages_show_the_missing_number_as_dots(login, analyst, org):
    draft = order_copy_forward(order=make_order(org), year=2566, number=None, user=analyst)
    client = login(analyst)
    assert "…/2566" in client.get(reverse("committees:list")).content.decode()
    assert (
        "คำสั่งที่ …/2566" in client.get(reverse("committees:detail", args=[draft.pk])).content.decode()
    )


def test_a_draft_is_saved_without_a_number_but_signing_needs_one(login, analyst, org):
    draft = order_copy_forward(order=make_order(org), year=2566, number=None, user=analyst)
    client = login(analyst)
    url = reverse("committees:edit", args=[draft.pk])
    committees = [committee_fields("คณะทำงาน", "ปลัด | ประธาน")]
    # It keeps one committee of the two: the removal is confirmed at once.
    data = form_data(committees, number="", version=draft.version) | {"confirmed": "yes"}
    saved = client.post(url, data)
    assert saved.status_code == 302
    assert Order.objects.get(pk=draft.pk).number is None
    signed = client.post(
        url,
        form_data(committees, number="", status="signed", version=draft.version + 1),
    )
    assert signed.status_code == 200
    assert "คำสั่งที่ลงนามแล้วต้องมีเลขที่คำสั่ง" in signed.context["form"].errors["number"]
