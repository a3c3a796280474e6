"""The demo order, saving and copying forward."""

from datetime import date

import pytest

from committees import demo
from committees.models import Committee, Duty, Member, Order
from committees.services import OrderError, order_copy_forward, order_save
from itaportal.editing import Conflict
from tests.committees.conftest import make_order


def test_the_demo_order_is_the_seeds_and_loading_twice_changes_nothing(org):
    demo.load(org)
    order = demo.load(org)
    assert Order.objects.count() == 1
    assert (order.number, order.year, order.fiscal_year) == (98, 2565, 2565)
    counts = [c.members.count() for c in order.committees.order_by("position")]
    assert counts == [5, 13, 1, 1]
    assert Member.objects.count() == 20 and Duty.objects.count() == 13
    first = order.committees.get(position=1)
    assert list(first.members.values_list("role", flat=True)) == [
        "หัวหน้าคณะกรรมการ",
        "คณะกรรมการ",
        "คณะกรรมการ",
        "คณะกรรมการ",
        "คณะกรรมการ/เลขานุการ",
    ]
    assert order.signer_name == "สนธยา คงสนิท" and order.signed_on == date(2022, 1, 17)


def test_the_demo_refreshes_an_edited_order(org, analyst):
    order = demo.load(org)
    order.committees.first().delete()
    order.subject = "แก้ไขแล้ว"
    order.save()
    order = demo.load(org)
    assert order.subject == demo.SUBJECT
    assert order.committees.count() == 4


def test_copy_forward_creates_a_draft_with_everything_but_the_dates(org, analyst):
    source = demo.load(org)
    copy = order_copy_forward(order=source, year=2566, number=5, user=analyst)
    assert (copy.number, copy.year, copy.fiscal_year) == (5, 2566, 2566)
    assert copy.status == Order.Status.DRAFT and copy.signed_on is None
    assert copy.signer_name == source.signer_name
    assert copy.subject.endswith("ประจำปีงบประมาณ พ.ศ. ๒๕๖๖")
    # the relative years of the preamble move; the strategy period and the Act's year stay
    assert copy.preamble == source.preamble.replace(
        "ประจำปีงบประมาณ พ.ศ.๒๕๖๕", "ประจำปีงบประมาณ พ.ศ.๒๕๖๖"
    ).replace("ภายในปีงบประมาณ พ.ศ. ๒๕๖๕", "ภายในปีงบประมาณ พ.ศ. ๒๕๖๖")
    assert "(พ.ศ.๒๕๖๑ – ๒๕๘๐)" in copy.preamble and "พ.ศ. ๒๕๓๗" in copy.preamble
    assert [c.name for c in copy.committees.order_by("position")] == [
        c.name for c in source.committees.order_by("position")
    ]
    assert Member.objects.filter(committee__order=copy).count() == 20
    assert Duty.objects.filter(committee__order=copy).count() == 13
    assert source.committees.count() == 4  # the source is untouched


def test_copy_forward_refuses_a_taken_number_and_saves_nothing(org, analyst):
    source = make_order(org)
    make_order(org, number=1, year=2566)
    with pytest.raises(OrderError, match="มีอยู่แล้ว"):
        order_copy_forward(order=source, year=2566, number=1, user=analyst)
    assert Order.objects.count() == 2
    assert Committee.objects.count() == 4


def header_of(order, **changes):
    """The header fields of `order` as the editing page sends them, with `changes`."""
    fields = ["number", "year", "subject", "fiscal_year", "preamble", "closing", "signed_on",
              "signer_prefix", "signer_name", "signer_position", "status"]  # fmt: skip
    return {name: getattr(order, name) for name in fields} | changes


def test_order_save_refuses_a_stale_version(org, analyst):
    order = make_order(org)
    order_save(
        organization=org, order=order, version=order.version, user=analyst,
        committees=[], **header_of(order, subject="บันทึกโดยอีกคน"),
    )  # fmt: skip
    with pytest.raises(Conflict) as refused:
        order_save(
            organization=org, order=order, version=1, user=analyst,
            committees=[], **header_of(order, subject="ของหน้าเก่า"),
        )  # fmt: skip
    assert refused.value.current.version == 2
    assert Order.objects.get(pk=order.pk).subject == "บันทึกโดยอีกคน"


@pytest.mark.parametrize("version", [None, "", "abc", "0", "-1", "1.5"])
def test_order_save_refuses_a_missing_or_malformed_version(org, analyst, version):
    order = make_order(org)
    with pytest.raises(Conflict):
        order_save(
            organization=org, order=order, version=version, user=analyst,
            committees=[], **header_of(order, subject="ไม่มีรุ่นข้อมูล"),
        )  # fmt: skip
    order.refresh_from_db()
    assert order.subject != "ไม่มีรุ่นข้อมูล"
    assert order.version == 1 and order.committees.count() == 2


def test_order_save_refuses_a_signing_date_of_another_year(org, analyst):
    order = make_order(org)
    with pytest.raises(OrderError, match="วันที่สั่ง") as refused:
        order_save(
            organization=org, order=order, version=order.version, user=analyst,
            committees=[], **header_of(order, signed_on=date(2023, 1, 1)),
        )  # fmt: skip
    assert refused.value.field == "signed_on"
