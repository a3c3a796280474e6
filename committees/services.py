"""Actions on orders that touch several rows: saving an order with its committees, and
copying last year's order forward."""

from dataclasses import dataclass, field

from django.db import transaction

from committees.models import DEFAULT_CLOSING, Committee, Duty, Member, Order
from itaportal import signing, thai
from itaportal.editing import DomainError, bump_version, lock_version, refused_if_taken
from itaportal.years import shift_years

SIGNED_LOCKED = signing.locked_message("คำสั่ง")


class OrderError(DomainError):
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


def _number_taken(order):
    return OrderError(
        f"คำสั่งที่ {order.number}/{order.year} มีอยู่แล้วในหน่วยงานนี้ กรุณาใช้เลขที่อื่น",
        field="number",
    )


def _check_rules(order):
    """The rules of an order's header, each refusal beside its field. A draft may wait for
    its number from the registry; a signed order may not."""
    taken = order.number is not None and (
        Order.objects.filter(organization=order.organization, year=order.year, number=order.number)
        .exclude(pk=order.pk)
        .exists()
    )
    if taken:
        raise _number_taken(order)
    if order.signed_on and thai.be_year(order.signed_on.year) != order.year:
        raise OrderError(
            f"วันที่สั่งอยู่ในปี พ.ศ. {thai.be_year(order.signed_on.year)} "
            f"แต่คำสั่งเป็นของปี พ.ศ. {order.year} กรุณาเลือกวันที่ในปี พ.ศ. {order.year}",
            field="signed_on",
        )
    if order.status == Order.Status.SIGNED:
        missing = [
            (name, f"คำสั่งที่ลงนามแล้วต้องมี{label}")
            for name, label in [
                ("number", "เลขที่คำสั่ง"),
                ("signed_on", "วันที่สั่ง"),
                ("signer_name", "ชื่อผู้ลงนาม"),
            ]
            if not getattr(order, name)
        ]
        if missing:
            raise OrderError(errors=missing)


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
def order_save(
    *, organization, user, committees, order=None, version=None,
    number, year, subject, fiscal_year, preamble="", closing=DEFAULT_CLOSING, signed_on=None,
    signer_prefix="", signer_name="", signer_position="", status=Order.Status.DRAFT,
):  # fmt: skip
    """Create an order of `organization` (`order` None) or change `order`, together with
    its `committees` (CommitteeData, in print order).

    A change is refused with Conflict unless `version` is the stored one (someone saved
    the order since the editor opened it); the rules of the header raise OrderError.
    """
    if order is None:
        order = Order(organization=organization)
    else:
        order = lock_version(
            Order.objects.filter(organization=organization), pk=order.pk, version=version
        )
        # A signed order is the paper the executive signed: it changes only once reopened.
        if order.is_signed:
            raise OrderError(SIGNED_LOCKED)
    order.number, order.year, order.subject, order.fiscal_year = number, year, subject, fiscal_year
    order.preamble, order.closing, order.signed_on = preamble, closing, signed_on
    order.signer_prefix, order.signer_name = signer_prefix, signer_name
    order.signer_position, order.status = signer_position, status
    _check_rules(order)
    order.updated_by = user
    # Another request may have taken the number since the check: the same message.
    with refused_if_taken(_number_taken(order)):
        if order.pk is None:
            order.save()
        else:
            bump_version(order)
    committees_replace(order=order, committees=committees)
    return order


@transaction.atomic
def order_reopen(*, order, user, version, reason):
    """The executive reopens a signed order for changes: it becomes a draft again (its
    date and number kept) and the history records who reopened it and why."""
    note = signing.reopen_note(user, reason, noun="คำสั่ง", error=OrderError)
    order = lock_version(
        Order.objects.filter(organization=user.organization), pk=order.pk, version=version
    )
    if not order.is_signed:
        raise OrderError(signing.not_signed_message("คำสั่ง"))
    order.status = Order.Status.DRAFT
    order.updated_by = user
    order._history_user = user
    order._change_reason = note
    bump_version(order, update_fields=["status", "updated_by"])
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

    committees = [CommitteeData.from_committee(c) for c in source.committees.all()]
    for committee in committees:
        committee.name = shift(committee.name)
        committee.duties = [shift(text) for text in committee.duties]
    signer_prefix, signer_name = source.signer_prefix, source.signer_name
    signer_position = source.signer_position
    if signer is not None:
        signer_prefix = signer.name_prefix
        signer_name = f"{signer.first_name} {signer.last_name}".strip()
        signer_position = signer.position_title or source.signer_position
    return order_save(
        organization=source.organization,
        user=user,
        committees=committees,
        number=number,
        year=year,
        subject=shift(source.subject),
        fiscal_year=fiscal_year,
        preamble=shift(source.preamble),
        closing=source.closing,
        signed_on=None,
        signer_prefix=signer_prefix,
        signer_name=signer_name,
        signer_position=signer_position,
        status=Order.Status.DRAFT,
    )
