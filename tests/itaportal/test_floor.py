"""What every logged-in page costs before its own content: its session and its user, two
queries in all, with the user's organization, department and unread-notification count,
exactly as the ORM would load them."""

from datetime import timedelta

import pytest
from django.contrib.auth import SESSION_KEY
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse, set_script_prefix
from django.utils import timezone

from itaportal.auth import PortalBackend
from itaportal.models import Session, User
from itaportal.sessions import SessionStore
from notices.models import Notification

pytestmark = pytest.mark.django_db


def test_the_minimal_page_runs_two_queries_its_session_and_its_user(
    login, staff_office, django_assert_num_queries
):
    Notification.objects.create(user=staff_office, title="เรื่องใหม่")
    client = login(staff_office)
    client.get(reverse("healthz_page"))
    with django_assert_num_queries(1):
        response = client.get(reverse("healthz_page"))
    assert 'id="notification-count">1</span>' in response.content.decode()


def test_the_logged_in_user_is_loaded_as_the_orm_loads_them(staff_office, staff_finance):
    Notification.objects.create(user=staff_office, title="ยังไม่อ่าน")
    Notification.objects.create(user=staff_office, title="อ่านแล้ว", read_at=timezone.now())
    Notification.objects.create(user=staff_finance, title="ของคนอื่น")
    user = PortalBackend().get_user(str(staff_office.pk))
    orm = User.objects.select_related("organization", "department").get(pk=staff_office.pk)
    fields = [f.attname for f in User._meta.concrete_fields]
    assert [getattr(user, f) for f in fields] == [getattr(orm, f) for f in fields]
    assert user.unread_notifications == 1
    assert User.organization.is_cached(user) and User.department.is_cached(user)
    assert user.organization.short_name == orm.organization.short_name
    assert user.department.name == orm.department.name
    assert not user._state.adding and user._state.db == "default"


def test_a_user_without_department_or_notifications_loads_too(operator):
    user = PortalBackend().get_user(operator.pk)
    assert user.pk == operator.pk and user.department is None and user.organization is None
    assert user.unread_notifications == 0


def test_an_unknown_or_inactive_user_is_nobody(staff_office):
    backend = PortalBackend()
    assert backend.get_user(staff_office.pk + 1000) is None
    assert backend.get_user("not a number") is None
    User.objects.filter(pk=staff_office.pk).update(is_active=False)
    assert backend.get_user(staff_office.pk) is None


def test_a_session_is_read_until_it_expires(staff_office):
    store = SessionStore()
    store[SESSION_KEY] = str(staff_office.pk)
    store.create()
    assert SessionStore(store.session_key).load()[SESSION_KEY] == str(staff_office.pk)
    Session.objects.filter(pk=store.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    expired = SessionStore(store.session_key)
    assert expired.load() == {} and expired.session_key is None
    assert SessionStore("no-such-session-key-0123456789").load() == {}


def test_a_fixed_url_follows_the_script_prefix():
    template = Template('{% url "home" %}|{% url "notices:list" as to %}{{ to }}')
    context = Context({"request": RequestFactory().get("/")})
    try:
        set_script_prefix("/portal/")
        under_prefix = template.render(context)
    finally:
        set_script_prefix("/")
    assert under_prefix == "/portal/|/portal/notices/"
    assert template.render(context) == "/|/notices/"


def test_a_static_file_url_is_django_s_and_follows_the_static_settings(settings):
    from django.templatetags.static import static as django_static

    template = Template("{% static 'css/portal.css' %}|{% get_static_prefix %}")
    assert template.render(Context()) == f"{django_static('css/portal.css')}|{settings.STATIC_URL}"
    settings.STATIC_URL = "/elsewhere/"
    assert template.render(Context()).startswith("/elsewhere/css/portal")


def test_the_session_keeps_the_user_id_its_signed_data_names(login, staff_office):
    client = login(staff_office)
    session = Session.objects.get(pk=client.session.session_key)
    assert session.user_id == staff_office.pk
    assert session.get_decoded()[SESSION_KEY] == str(staff_office.pk)
    client.post(reverse("logout"))
    assert not Session.objects.filter(pk=session.pk).exists()


def test_a_session_without_a_user_is_still_read(django_assert_num_queries):
    store = SessionStore()
    store["seen"] = "ข้อความ"
    store.create()
    assert Session.objects.get(pk=store.session_key).user_id is None
    with django_assert_num_queries(2):  # with a user first, then the session alone
        assert SessionStore(store.session_key).load() == {"seen": "ข้อความ"}


@pytest.mark.parametrize("change", ["deactivated", "password changed elsewhere"])
def test_a_user_read_with_the_session_still_passes_django_s_checks(login, staff_office, change):
    client = login(staff_office)
    assert client.get(reverse("healthz_page")).status_code == 200
    if change == "deactivated":
        User.objects.filter(pk=staff_office.pk).update(is_active=False)
    else:
        staff_office.set_password("another-pass-2570")
        staff_office.save()
    response = client.get(reverse("healthz_page"))
    assert response.status_code == 302 and reverse("login") in response["Location"]
