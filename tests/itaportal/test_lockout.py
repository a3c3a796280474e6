"""Log-in lock-outs behind a load balancer: keyed on the client's real address, trusting
only the configured number of proxies, and a limit per address across user names."""

import pytest
from django.urls import reverse

from tests.conftest import PASSWORD

BALANCER = "10.0.0.2"


@pytest.fixture
def behind_proxy(settings):
    settings.BEHIND_PROXY = True
    settings.PROXY_COUNT = 1
    return settings


def attempt(client, username, password, forwarded_for):
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=BALANCER,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def test_wrong_passwords_from_one_client_do_not_lock_out_the_same_user_elsewhere(
    client, analyst, behind_proxy, settings
):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "analyst", "wrong", "203.0.113.9")
    assert attempt(client, "analyst", PASSWORD, "203.0.113.9").status_code == 429
    # The mayor's (here the analyst's) own office, through the same balancer, still gets in.
    client.cookies.clear()
    assert attempt(client, "analyst", PASSWORD, "198.51.100.7").status_code == 302


def test_a_forged_leftmost_forwarded_address_does_not_escape_the_lock_out(
    client, analyst, behind_proxy, settings
):
    # The attacker writes a new fake address each time; the balancer appends the real one.
    for n in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "analyst", "wrong", f"192.0.2.{n}, 203.0.113.9")
    response = attempt(client, "analyst", PASSWORD, "192.0.2.200, 203.0.113.9")
    assert response.status_code == 429


def test_two_trusted_proxies_take_the_second_entry_from_the_right(
    client, analyst, behind_proxy, settings
):
    settings.PROXY_COUNT = 2
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "analyst", "wrong", "192.0.2.1, 203.0.113.9, 10.0.0.5")
    assert attempt(client, "analyst", PASSWORD, "203.0.113.9, 10.0.0.5").status_code == 429
    client.cookies.clear()
    assert attempt(client, "analyst", PASSWORD, "198.51.100.7, 10.0.0.5").status_code == 302


def test_without_a_proxy_the_forwarded_header_is_ignored(client, analyst, settings):
    settings.BEHIND_PROXY = False
    for n in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "analyst", "wrong", f"203.0.113.{n}")
    assert attempt(client, "analyst", PASSWORD, "198.51.100.7").status_code == 429


def test_one_address_spraying_many_user_names_is_refused_even_for_a_right_password(
    client, analyst, behind_proxy, settings
):
    settings.AXES_ADDRESS_FAILURE_LIMIT = 6
    for n in range(6):
        attempt(client, f"guess-{n}", "wrong", "203.0.113.9")
    assert attempt(client, "analyst", PASSWORD, "203.0.113.9").status_code == 429
    client.cookies.clear()
    assert attempt(client, "analyst", PASSWORD, "198.51.100.7").status_code == 302
