"""Every change of a domain record keeps who, when and what, field by field."""

from django.urls import reverse

from tests.itaportal.test_settings_pages import _org_form


def _history_url(obj):
    return reverse("audit:history", args=[obj._meta.app_label, obj._meta.model_name, obj.pk])


def test_changing_the_organization_settings_is_recorded_field_by_field(login, analyst, mayor, org):
    client = login(analyst)
    client.post(reverse("organization_settings"), _org_form(org, short_name="อบต.ทดสอบใหม่"))
    record = org.history.first()
    assert record.history_user == analyst
    page = login(mayor).get(_history_url(org)).content.decode()
    assert "อบต.ทดสอบใหม่" in page and "อบต.ทดสอบ" in page
    assert "ชื่อย่อ" in page
    assert analyst.display_name in page


def test_staff_cannot_open_history(login, staff_office, org):
    assert login(staff_office).get(_history_url(org)).status_code == 403


def test_another_organization_gets_404(login, outsider, org, staff_office):
    assert login(outsider).get(_history_url(staff_office)).status_code == 404
    assert login(outsider).get(_history_url(org)).status_code == 404


def test_untracked_or_unknown_models_get_404(login, analyst):
    from django.contrib.auth.models import Group

    group = Group.objects.create(name="กลุ่มที่มีอยู่จริง")  # exists, but keeps no history
    client = login(analyst)
    assert client.get(reverse("audit:history", args=["auth", "group", group.pk])).status_code == 404
    assert client.get(reverse("audit:history", args=["nope", "nothing", 1])).status_code == 404
    # The same person reads a tracked record's history: the 404s above are about the model.
    assert client.get(_history_url(analyst)).status_code == 200


def test_passwords_never_enter_the_history(analyst):
    fields = {f.name for f in analyst.history.model._meta.get_fields()}
    assert "password" not in fields


def test_the_settings_page_links_to_the_history_for_the_admin_only(login, analyst, org):
    from django.urls import reverse as r

    page = login(analyst).get(r("organization_settings")).content.decode()
    assert _history_url(org) in page


def test_a_demo_oit_answer_shows_its_transitions_and_field_changes(client, db):
    from django.core.management import call_command

    from itaportal.models import Organization, User
    from oit.models import OITAnswer

    call_command("loaddemo", verbosity=0)
    answer = (
        OITAnswer.objects.for_year(Organization.objects.get(slug="nongprung"), 2565)
        .filter(status="submitted")
        .first()
    )
    code = answer.item.code
    client.force_login(User.objects.get(username="mayor"))
    returned = client.post(
        reverse("oit:return", args=[2565, code]),
        {"comment": "ลิงก์ไม่ตรงกับข้อ", "version": answer.version},
    )
    assert returned.status_code == 302
    page = client.get(_history_url(answer)).content.decode()
    assert "ส่งกลับให้แก้ไข" in page and "ลิงก์ไม่ตรงกับข้อ" in page  # the transition
    assert "สถานะ" in page and "รออนุมัติ" in page  # the field change it made
    assert User.objects.get(username="mayor").display_name in page


def test_the_history_of_a_memo_lists_the_acknowledgements(client, db):
    from django.core.management import call_command

    from itaportal.models import User
    from measures.models import Memo

    call_command("loaddemo", verbosity=0)
    memo = Memo.objects.get(assessment__organization__slug="nongprung", assessment__year=2565)
    client.force_login(User.objects.get(username="analyst"))
    page = client.get(_history_url(memo)).content.decode()
    acknowledgements = list(memo.acknowledgements.all())
    assert acknowledgements, "the demo memo has the seed's acknowledgements"
    for acknowledgement in acknowledgements:
        assert acknowledgement.name in page


def test_record_pages_link_to_their_history_for_the_admin_and_the_executive(client, db):
    from django.core.management import call_command

    from assessments.models import Assessment
    from committees.models import Order
    from itaportal.models import User
    from measures.models import Measure, Memo
    from oit.models import ANSWER_YEAR, OITAnswer

    call_command("loaddemo", verbosity=0)
    # The seed's FY 2565 records (the demo's FY 2570 has its own of each).
    org_filter = {"assessment__organization__slug": "nongprung", "assessment__year": 2565}
    order = Order.objects.get(organization__slug="nongprung", fiscal_year=2565)
    pages = [
        (order, reverse("committees:detail", args=[order.pk])),
        (Assessment.objects.get(year=2565), reverse("assessments:detail", args=[2565])),
        (
            OITAnswer.objects.get(item__code="O1", **{ANSWER_YEAR: 2565}),
            reverse("oit:answer", args=[2565, "O1"]),
        ),
        (Measure.objects.filter(**org_filter).first(), None),
        (Memo.objects.get(**org_filter), None),
    ]
    for username, sees in [("analyst", True), ("mayor", True), ("staff-office", False)]:
        client.force_login(User.objects.get(username=username))
        for obj, url in pages:
            if url is None:
                url = reverse(
                    f"measures:{'detail' if isinstance(obj, Measure) else 'memo_detail'}",
                    args=[obj.pk],
                )
            page = client.get(url).content.decode()
            assert (_history_url(obj) in page) is sees, (username, url)
