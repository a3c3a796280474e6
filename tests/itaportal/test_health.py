"""The load balancer's health check and the minimal page the benchmark compares with."""

import pytest
from django.db.utils import OperationalError
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_health_check_answers_ok_without_login_and_without_a_session(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"].startswith("text/plain")
    assert "no-cache" in response["Cache-Control"]
    assert "sessionid" not in response.cookies


def test_health_check_answers_503_when_the_database_is_gone(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr("itaportal.views_health.connection.cursor", broken_cursor)
    response = client.get(reverse("healthz"))
    assert response.status_code == 503


def test_minimal_page_sends_anonymous_visitors_to_the_login(client):
    response = client.get(reverse("healthz_page"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_minimal_page_is_the_bare_layout_for_a_member(login, staff_office, org):
    response = login(staff_office).get(reverse("healthz_page"))
    assert response.status_code == 200
    assert org.short_name in response.content.decode()


def test_minimal_page_refuses_an_operator_without_organization(login, operator):
    assert login(operator).get(reverse("healthz_page")).status_code == 403
