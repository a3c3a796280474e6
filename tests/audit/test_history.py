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
    assert (
        login(analyst).get(reverse("audit:history", args=["auth", "group", 1])).status_code == 404
    )
    assert (
        login(analyst).get(reverse("audit:history", args=["nope", "nothing", 1])).status_code == 404
    )


def test_passwords_never_enter_the_history(analyst):
    fields = {f.name for f in analyst.history.model._meta.get_fields()}
    assert "password" not in fields


def test_the_settings_page_links_to_the_history_for_the_admin_only(login, analyst, org):
    from django.urls import reverse as r

    page = login(analyst).get(r("organization_settings")).content.decode()
    assert _history_url(org) in page
