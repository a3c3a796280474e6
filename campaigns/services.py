"""Changes to a year's IIT/EIT campaign. Each is one transaction and raises
CampaignError (a Thai message) without changing anything when it refuses."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from campaigns.errors import CampaignError
from campaigns.imports import StakeholderRow
from campaigns.models import Campaign, Instrument, ResponseCount, Stakeholder
from itaportal.editing import bump_version, lock, lock_version

MAX_COUNT = 1_000_000
SETTINGS_FIELDS = [
    "iit_target",
    "eit_target",
    "iit_link",
    "iit_code",
    "eit_link",
    "eit_code",
    "itas_holder",
    "itas_checked_on",
]


def _campaign_of(organization, year):
    """The year's campaign, made on first use."""
    campaign, _ = Campaign.objects.get_or_create(organization=organization, year=year)
    return campaign


def campaign_save(*, organization, year, version, actor, **fields):
    """Save the campaign's targets, ITAS links and codes, and the ITAS account record."""
    unknown = set(fields) - set(SETTINGS_FIELDS)
    if unknown:
        raise TypeError(f"unknown campaign fields: {sorted(unknown)}")
    holder = fields.get("itas_holder")
    if holder is not None and holder.organization_id != organization.pk:
        raise CampaignError("ผู้ถือบัญชี ITAS ต้องเป็นผู้ใช้ของหน่วยงาน", field="itas_holder")
    checked = fields.get("itas_checked_on")
    if checked and checked > timezone.localdate():
        raise CampaignError("วันที่ตรวจสอบบัญชีต้องไม่เป็นวันในอนาคต", field="itas_checked_on")
    with transaction.atomic():
        campaign = _campaign_of(organization, year)
        campaign = lock_version(Campaign, pk=campaign.pk, version=version)
        for name, value in fields.items():
            setattr(campaign, name, value)
        campaign.updated_by = actor
        return bump_version(campaign)


def response_count_record(*, organization, year, instrument, counted_on, count, actor):
    """Record the number of answers ITAS showed on `counted_on`; a second reading of the
    same day replaces the first."""
    if instrument not in Instrument.values:
        raise CampaignError("แบบวัดต้องเป็น IIT หรือ EIT", field="instrument")
    if counted_on > timezone.localdate():
        raise CampaignError("วันที่อ่านยอดต้องไม่เป็นวันในอนาคต", field="counted_on")
    if count < 0 or count > MAX_COUNT:
        raise CampaignError(f"จำนวนผู้ตอบต้องอยู่ระหว่าง 0 ถึง {MAX_COUNT:,}", field="count")
    with transaction.atomic():
        campaign = _campaign_of(organization, year)
        row, _ = ResponseCount.objects.update_or_create(
            campaign=campaign,
            instrument=instrument,
            counted_on=counted_on,
            defaults={"count": count, "recorded_by": actor},
        )
        return row


def response_count_delete(*, organization, year, pk):
    with transaction.atomic():
        deleted, _ = ResponseCount.objects.filter(
            campaign__organization=organization, campaign__year=year, pk=pk
        ).delete()
        if not deleted:
            raise CampaignError("ไม่พบยอดผู้ตอบที่จะลบ อาจถูกลบไปแล้ว")


def stakeholders_import(*, organization, year, rows: list[StakeholderRow], actor):
    """Add the checked rows of a CSV to the year's stakeholder list; a name already on
    the list has its group, phone and e-mail replaced. Returns (added, updated)."""
    added = updated = 0
    with transaction.atomic():
        campaign = _campaign_of(organization, year)
        # The file replaces rows the user never saw a version of: lock the campaign so two
        # imports of the same list do not interleave.
        lock(Campaign, pk=campaign.pk)
        existing = {s.name: s for s in campaign.stakeholders.all()}
        for row in rows:
            values = {"group": row.group, "phone": row.phone, "email": row.email}
            current = existing.get(row.name)
            if current is None:
                Stakeholder.objects.create(campaign=campaign, name=row.name, **values)
                added += 1
            elif any(getattr(current, k) != v for k, v in values.items()):
                for k, v in values.items():
                    setattr(current, k, v)
                current.save()
                updated += 1
    return added, updated


def stakeholder_add(*, organization, year, name, group="", phone="", email=""):
    name = " ".join(name.split())
    if not name:
        raise CampaignError("กรุณากรอกชื่อ", field="name")
    try:
        with transaction.atomic():
            campaign = _campaign_of(organization, year)
            return Stakeholder.objects.create(
                campaign=campaign, name=name, group=group, phone=phone, email=email
            )
    except IntegrityError:
        raise CampaignError(f"มี “{name}” ในรายชื่อแล้ว", field="name") from None


def stakeholder_delete(*, organization, year, pk):
    with transaction.atomic():
        deleted, _ = Stakeholder.objects.filter(
            campaign__organization=organization, campaign__year=year, pk=pk
        ).delete()
        if not deleted:
            raise CampaignError("ไม่พบรายชื่อที่จะลบ อาจถูกลบไปแล้ว")
