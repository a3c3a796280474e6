from django.core.management import call_command

from itaportal.models import Organization, User


def test_loaddemo_is_idempotent_and_users_log_in(db, client, settings):
    call_command("loaddemo", verbosity=0)
    call_command("loaddemo", verbosity=0)
    org = Organization.objects.get(slug="nongprung")
    assert org.name == "องค์การบริหารส่วนตำบลหนองปรุง"
    assert org.departments.count() == 4
    names = set(User.objects.filter(organization=org).values_list("username", flat=True))
    assert {
        "analyst",
        "mayor",
        "staff-office",
        "staff-finance",
        "staff-works",
        "staff-edu",
    } <= names
    assert User.objects.get(username="analyst").role == "admin"
    assert User.objects.get(username="mayor").role == "executive"
    assert User.objects.get(username="staff-works").department.name == "กองช่าง"
    response = client.post("/login/", {"username": "staff-edu", "password": settings.DEMO_PASSWORD})
    assert response.status_code == 302
    assert client.get("/").status_code == 200
