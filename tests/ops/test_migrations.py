"""An installation made before the OIT answers had their own app migrates without loss.

The database is taken back to the migrations of the release before the move (the OIT
answers, their events and files in the assessments app's tables, no oit app), filled
through the models as they were then, and migrated forward to the latest migrations
of every app. Every row is still there, an answer reads as it was written, and its
file's bytes are untouched.
"""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.apps import apps as current_apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from tests.migrating import latest, migrate_to

# The project's migrations in the release before the move (main at 4a893fc), and the oit
# app not installed yet. Fixed history: later migrations of any app only add to "latest".
BEFORE_THE_MOVE = [
    ("itaportal", "0001_initial"),
    ("assessments", "0004_indicator_instrument_restrict"),
    ("committees", "0001_initial"),
    ("measures", "0001_initial"),
    ("audit", "0002_thai_names"),
]
OIT_NOT_YET = ("oit", None)
# Where the moved models' rows live now.
MOVED = {
    "assessments.oitanswer": "oit.oitanswer",
    "assessments.answerevent": "oit.answerevent",
    "assessments.oitanswerattachment": "oit.oitanswerattachment",
}

FILE_BYTES = b"%PDF-1.4\n% the organization's structure chart\n" + bytes(range(256)) + b"%%EOF\n"
APPROVED_AT = datetime(2022, 3, 15, 9, 30, tzinfo=UTC)
LINKS = [{"url": "https://www.nongprung.go.th/structure", "label": "แผนผังโครงสร้าง"}]


def _row_counts(models):
    return {m._meta.label_lower: m._default_manager.count() for m in models}


def _tables(apps):
    return [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.managed and not m._meta.proxy
    ]


def _fill(apps):
    """What an organization had made before the move, written through the models of then."""
    get = apps.get_model
    org = get("itaportal", "Organization").objects.create(
        name="องค์การบริหารส่วนตำบลหนองปรุง",
        short_name="อบต.หนองปรุง",
        district="เขาย้อย",
        province="เพชรบุรี",
        slug="nongprung",
    )
    office = get("itaportal", "Department").objects.create(organization=org, name="สำนักปลัด")
    clerk = get("itaportal", "User").objects.create(
        username="staff-office", password="!", organization=org, department=office
    )
    mayor = get("itaportal", "User").objects.create(
        username="mayor", password="!", organization=org
    )

    framework = get("assessments", "Framework").objects.create(year=2565, name="ITA 2565")
    oit = get("assessments", "Instrument").objects.create(
        framework=framework, code="OIT", name="แบบตรวจการเปิดเผยข้อมูลสาธารณะ", weight=Decimal("40")
    )
    indicator = get("assessments", "Indicator").objects.create(
        framework=framework, instrument=oit, number=9, name="การเปิดเผยข้อมูล", weight=Decimal("20")
    )
    sub = get("assessments", "OITSubIndicator").objects.create(
        indicator=indicator, code="9.1", name="ข้อมูลพื้นฐาน"
    )
    item = get("assessments", "OITItem").objects.create(
        sub_indicator=sub, code="O1", number=1, title="โครงสร้าง"
    )
    item2 = get("assessments", "OITItem").objects.create(
        sub_indicator=sub, code="O2", number=2, title="ข้อมูลผู้บริหาร"
    )

    Answer = get("assessments", "OITAnswer")
    answer = Answer.objects.create(
        organization=org,
        item=item,
        department=office,
        status="approved",
        links=LINKS,
        where_to_find="หน้าหลัก › ข้อมูลหน่วยงาน › โครงสร้าง",
        explanation="แผนผังฉบับปรับปรุง ๒๕๖๕",
        element_evidence={"1": "link:1", "2": "file:1"},
        version=3,
        approved_at=APPROVED_AT,
        updated_by=clerk,
    )
    copy = Answer.objects.create(
        organization=org, item=item2, department=office, copied_from=answer
    )

    Event = get("assessments", "AnswerEvent")
    Event.objects.create(
        answer=answer, action="submit", from_status="draft", to_status="submitted", actor=clerk
    )
    Event.objects.create(
        answer=answer, action="approve", from_status="submitted", to_status="approved", actor=mayor
    )
    Event.objects.create(
        answer=copy, action="copy", to_status="draft", actor=clerk, comment="จากปี ๒๕๖๔"
    )

    name = default_storage.save("oit-answers/0123456789abcdef.pdf", ContentFile(FILE_BYTES))
    attachment = get("assessments", "OITAnswerAttachment").objects.create(
        answer=answer,
        file=name,
        original_name="โครงสร้าง อบต.pdf",
        content_type="application/pdf",
        size=len(FILE_BYTES),
        uploaded_by=clerk,
    )

    # The field history django-simple-history kept of them.
    History = get("audit", "HistoricalOITAnswer")
    for version, status, kind in ((1, "draft", "+"), (2, "submitted", "~"), (3, "approved", "~")):
        History.objects.create(
            id=answer.pk,
            organization_id=org.pk,
            item_id=item.pk,
            department_id=office.pk,
            status=status,
            links=LINKS,
            version=version,
            created_at=APPROVED_AT,
            updated_at=APPROVED_AT,
            history_date=APPROVED_AT,
            history_type=kind,
            history_user=clerk,
        )
    get("audit", "HistoricalOITAnswerAttachment").objects.create(
        id=attachment.pk,
        answer_id=answer.pk,
        file=name,
        original_name=attachment.original_name,
        content_type="application/pdf",
        size=len(FILE_BYTES),
        uploaded_at=APPROVED_AT,
        history_date=APPROVED_AT,
        history_type="+",
        history_user=clerk,
    )
    return answer.pk, attachment.pk


@pytest.mark.django_db(transaction=True)
def test_oit_answers_events_files_and_their_history_survive_the_move_to_the_oit_app():
    try:
        loader = migrate_to([*BEFORE_THE_MOVE, OIT_NOT_YET])
        assert not any(app == "oit" for app, _ in loader.applied_migrations)
        before = loader.project_state(BEFORE_THE_MOVE).apps
        answer_pk, attachment_pk = _fill(before)
        counts = _row_counts(_tables(before))
        assert counts["assessments.oitanswer"] == 2
        assert counts["assessments.answerevent"] == 3
        assert counts["audit.historicaloitanswer"] == 3

        loader = migrate_to(latest())
        assert set(loader.graph.leaf_nodes()) <= set(loader.applied_migrations)
    finally:
        migrate_to(latest())  # later tests need the latest schema, whatever happened here

    kept = {}
    for old_label in counts:
        label = MOVED.get(old_label, old_label)
        try:
            model = current_apps.get_model(label)
        except LookupError:
            pytest.fail(f"{label} is gone after migrating: this test must say where its rows went")
        kept[label] = model._default_manager.count()
    assert kept == {MOVED.get(label, label): count for label, count in counts.items()}

    from oit.models import OITAnswer

    answer = OITAnswer.objects.get(pk=answer_pk)
    assert answer.item.code == "O1"
    assert answer.organization.slug == "nongprung"
    assert answer.department.name == "สำนักปลัด"
    assert (answer.status, answer.version, answer.approved_at) == ("approved", 3, APPROVED_AT)
    assert answer.links == LINKS
    assert answer.where_to_find == "หน้าหลัก › ข้อมูลหน่วยงาน › โครงสร้าง"
    assert answer.explanation == "แผนผังฉบับปรับปรุง ๒๕๖๕"
    assert answer.element_evidence == {"1": "link:1", "2": "file:1"}
    assert answer.updated_by.username == "staff-office"
    assert [e.action for e in answer.events.order_by("pk")] == ["submit", "approve"]
    assert answer.copies.get().events.get().comment == "จากปี ๒๕๖๔"
    assert [h.version for h in answer.history.order_by("version")] == [1, 2, 3]

    attachment = answer.attachments.get()
    assert attachment.pk == attachment_pk
    assert attachment.original_name == "โครงสร้าง อบต.pdf"
    assert attachment.file.name.startswith("oit-answers/")  # a migration may rename it...
    with attachment.file.open("rb") as stored:  # ...but never lose a byte
        assert stored.read() == FILE_BYTES
    assert attachment.history.get().original_name == "โครงสร้าง อบต.pdf"

    # Permissions and admin log entries follow the models to their new app.
    from django.contrib.contenttypes.models import ContentType

    assert ContentType.objects.filter(app_label="oit", model="oitanswer").exists()
    assert not ContentType.objects.filter(app_label="assessments", model="oitanswer").exists()
