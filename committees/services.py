"""Actions on orders that touch several rows: saving an order with its committees, and
copying last year's order forward."""

from dataclasses import dataclass, field

from django.db import transaction

from committees.models import Committee, Duty, Member, Order
from itaportal import thai
from itaportal.years import shift_years


class OrderError(Exception):
    """The order cannot be saved or copied as asked (the message is Thai)."""


@dataclass
class MemberData:
    position_title: str
    role: str = ""
    person_name: str = ""


@dataclass
class CommitteeData:
    name: str
    kind: str = Committee.Kind.BOARD
    duties_heading: str = ""
    members: list[MemberData] = field(default_factory=list)
    duties: list[str] = field(default_factory=list)

    @classmethod
    def from_committee(cls, committee):
        return cls(
            name=committee.name,
            kind=committee.kind,
            duties_heading=committee.duties_heading,
            members=[
                MemberData(m.position_title, m.role, m.person_name) for m in committee.members.all()
            ],
            duties=[d.text for d in committee.duties.all()],
        )


def _check_number_free(order):
    if order.number is None:  # a draft waiting for its number
        return
    taken = (
        Order.objects.filter(organization=order.organization, year=order.year, number=order.number)
        .exclude(pk=order.pk)
        .exists()
    )
    if taken:
        raise OrderError(f"คำสั่งที่ {order.number}/{order.year} มีอยู่แล้ว กรุณาใช้เลขที่อื่น")


def committees_replace(*, order, committees):
    """Replace the committees of a saved `order` with `committees` (CommitteeData, in order).

    The rows are recreated rather than diffed: committees have no identity outside
    their order, and recreating keeps the stored positions exactly as typed.
    """
    order.committees.all().delete()
    members, duties = [], []
    for position, data in enumerate(committees, start=1):
        committee = Committee.objects.create(
            order=order,
            position=position,
            name=data.name,
            kind=data.kind,
            duties_heading=data.duties_heading,
        )
        members += [
            Member(
                committee=committee,
                position=n,
                position_title=m.position_title,
                role=m.role,
                person_name=m.person_name,
            )
            for n, m in enumerate(data.members, start=1)
        ]
        duties += [
            Duty(committee=committee, position=n, text=text)
            for n, text in enumerate(data.duties, start=1)
        ]
    Member.objects.bulk_create(members)
    Duty.objects.bulk_create(duties)


@transaction.atomic
def order_save(*, order, committees, user, expected_version=None):
    """Save `order` (new or changed, not yet saved) together with its `committees`.

    `expected_version` is the version the editor started from; if someone saved the order
    since, OrderError is raised instead of overwriting their work.
    """
    if order.pk and expected_version is not None:
        current = (
            Order.objects.select_for_update().filter(pk=order.pk).values_list("version", flat=True)
        )
        if current.first() != expected_version:
            raise OrderError(
                "มีผู้อื่นบันทึกคำสั่งนี้หลังจากที่คุณเปิดหน้าแก้ไข "
                "กรุณาเปิดหน้าแก้ไขใหม่แล้วแก้ไขอีกครั้ง (ข้อความที่พิมพ์ไว้ยังอยู่ในหน้านี้)"
            )
    _check_number_free(order)
    if order.signed_on and thai.be_year(order.signed_on.year) != order.year:
        raise OrderError("วันที่สั่งต้องอยู่ในปี พ.ศ. เดียวกับเลขที่คำสั่ง")
    order.version = (order.version or 0) + 1 if order.pk else 1
    order.updated_by = user
    order.save()
    committees_replace(order=order, committees=committees)
    return order


@transaction.atomic
def order_copy_forward(*, order, year, number, user, signer=None):
    """A new draft order numbered `number`/`year` (`number` None: left blank for the
    registry) with all of `order`'s committees, members and duties; the signing date is
    cleared and the fiscal year moves with it.

    Every relative year of its texts (subject, preamble, committee names and duties) moves
    by the same number of years; a law's year, the national strategy's period or a past
    meeting's date stay as written (itaportal/years.py). `signer`, a user, replaces the
    signer's name and position (the organization's current executive).
    """
    source = Order.objects.with_contents().get(pk=order.pk)
    delta = year - source.year
    fiscal_year = source.fiscal_year + delta

    def shift(text):
        return shift_years(text, delta, source_year=source.fiscal_year)

    copy = Order(
        organization=source.organization,
        number=number,
        year=year,
        subject=shift(source.subject),
        fiscal_year=fiscal_year,
        preamble=shift(source.preamble),
        closing=source.closing,
        signed_on=None,
        signer_prefix=source.signer_prefix,
        signer_name=source.signer_name,
        signer_position=source.signer_position,
        status=Order.Status.DRAFT,
    )
    if signer is not None:
        copy.signer_prefix = signer.name_prefix
        copy.signer_name = f"{signer.first_name} {signer.last_name}".strip()
        copy.signer_position = signer.position_title or source.signer_position
    committees = [CommitteeData.from_committee(c) for c in source.committees.all()]
    for committee in committees:
        committee.name = shift(committee.name)
        committee.duties = [shift(text) for text in committee.duties]
    return order_save(order=copy, committees=committees, user=user)
