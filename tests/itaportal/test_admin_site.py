"""The operator's Django admin: every model of ours is there and opens."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.management import call_command
from django.urls import reverse

OUR_APPS = ("itaportal", "assessments", "committees", "measures", "audit", "campaigns")
# Models the operator's admin leaves out on purpose, and why.
NOT_IN_ADMIN = {
    # A session key works as a password for whoever holds it: no page lists them (as
    # Django leaves its own sessions out of the admin).
    "itaportal.Session",
}


def test_every_model_is_registered_with_a_thai_name():
    for model in apps.get_models():
        if model._meta.app_label in OUR_APPS:
            assert (model in admin.site._registry) != (model._meta.label in NOT_IN_ADMIN), (
                model._meta.label
            )
            name = str(model._meta.verbose_name)
            assert any("\u0e00" <= ch <= "\u0e7f" for ch in name), (model._meta.label, name)


@pytest.mark.django_db
def test_every_changelist_opens_for_the_operator_with_the_demo_data(client, operator):
    call_command("loaddemo", verbosity=0)
    client.force_login(operator)
    for model in admin.site._registry:
        if model._meta.app_label in OUR_APPS:
            url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
            assert client.get(url).status_code == 200, url


def test_the_admin_draws_thai_in_the_portals_font(client, operator):
    client.force_login(operator)
    page = client.get(reverse("admin:index")).content.decode()
    assert "/static/css/admin.css" in page
    assert "ITA Portal — ผู้ดูแลระบบ" in page  # still Django's admin page, with its header
