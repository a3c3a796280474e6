import pytest
from django.core.management import CommandError, call_command

from itaportal.models import Organization, User

ARGS = [
    "--slug", "bangkrachao", "--name", "องค์การบริหารส่วนตำบลบางกะเจ้า", "--short-name", "อบต.บางกะเจ้า",
    "--district", "พระประแดง", "--province", "สมุทรปราการ", "--admin", "bk-admin",
]  # fmt: skip


def test_it_creates_the_organization_and_its_first_admin(db):
    call_command("createorg", *ARGS, "--password", "a-long-first-pass-1", verbosity=0)
    org = Organization.objects.get(slug="bangkrachao")
    admin = User.objects.get(username="bk-admin")
    assert admin.organization == org and admin.is_agency_admin
    assert admin.check_password("a-long-first-pass-1")


def test_a_weak_password_creates_nothing(db):
    with pytest.raises(CommandError):
        call_command("createorg", *ARGS, "--password", "123", verbosity=0)
    assert not Organization.objects.filter(slug="bangkrachao").exists()
