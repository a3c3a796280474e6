"""Two requests that create the same year, user name, department or order number at
the same moment both pass the "is it free?" check; the database refuses the second. That
refusal answers with the form's own "already exists" message, never a 500.

The race is reproduced on both databases by letting the check see nothing (as the second
request did, before the first committed) while the first record is already in the database,
and on PostgreSQL also for real, with two requests in two threads (below)."""

import pytest
from django.db.models import QuerySet
from django.urls import reverse

from assessments import services as assessment_services
from assessments.errors import AssessmentError
from assessments.models import Assessment
from committees.models import Order
from itaportal.forms import USERNAME_UNAVAILABLE, DepartmentForm
from itaportal.models import Department, User
from tests.assessments.factories import make_framework
from tests.trust.test_bad_input_apps import order_post


@pytest.fixture
def checks_see_nothing_of(monkeypatch):
    """checks_see_nothing_of(Model): `.exists()` on that model's rows answers False."""

    def patch(model):
        real = QuerySet.exists

        def exists(queryset):
            return False if queryset.model is model else real(queryset)

        monkeypatch.setattr(QuerySet, "exists", exists)

    return patch


def test_a_user_name_taken_in_parallel_gets_the_forms_message(
    login, analyst, outsider, monkeypatch
):
    client = login(analyst)
    # Django's form check runs a query of its own: let it see nothing either.
    monkeypatch.setattr("itaportal.forms.UserForm.validate_unique", lambda self: None)
    response = client.post(
        reverse("user_create"),
        {
            "username": outsider.username,
            "first_name": "สมชาย",
            "last_name": "ใจดี",
            "role": "executive",
            "password": "a-long-pass-2565",
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["username"] == [USERNAME_UNAVAILABLE]
    assert User.objects.filter(username=outsider.username).count() == 1


def test_a_department_created_in_parallel_gets_the_forms_message(
    login, analyst, office, checks_see_nothing_of
):
    checks_see_nothing_of(Department)
    response = login(analyst).post(
        reverse("department_create"), {"name": office.name, "head_title": "", "order": "3"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["name"] == [DepartmentForm.DUPLICATE]


def test_a_year_created_in_parallel_gets_the_already_exists_message(org, checks_see_nothing_of):
    make_framework(2565)
    assessment_services.assessment_create(organization=org, year=2565)
    checks_see_nothing_of(Assessment)
    with pytest.raises(AssessmentError, match="อยู่แล้ว"):
        assessment_services.assessment_create(organization=org, year=2565)
    assert Assessment.objects.filter(organization=org, year=2565).count() == 1


def test_an_order_number_taken_in_parallel_gets_the_forms_message(
    login, analyst, checks_see_nothing_of
):
    client = login(analyst)
    assert client.post(reverse("committees:create"), order_post()).status_code == 302
    checks_see_nothing_of(Order)
    response = client.post(reverse("committees:create"), order_post())
    assert response.status_code == 200
    assert "มีอยู่แล้ว" in " ".join(response.context["form"].errors["number"])
    assert Order.objects.count() == 1


# The same races run for real on PostgreSQL: two requests in two threads, each on its own
# connection and transaction, both pass the "is it free?" check before either writes; the
# second insert then waits on the unique index until the first commits and fails there.
# Without the IntegrityError handling that second request is a 500. (SQLite writers do
# not wait on a unique index; they lock the whole database, which the simulation above
# covers.)

RACE_TIMEOUT = 30  # seconds a thread waits for the other at the check: a hang, not a timing


@pytest.fixture
def on_postgresql():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("two writers waiting on one unique index: PostgreSQL only")


@pytest.fixture
def both_pass_the_check(monkeypatch):
    """both_pass_the_check(Model): each thread's first `.exists()` on that model's rows
    runs for real, then waits until the other thread has run its own, so both saw the
    value free before either writes."""
    import threading

    def patch(model):
        barrier = threading.Barrier(2, timeout=RACE_TIMEOUT)
        waited = threading.local()
        real = QuerySet.exists

        def exists(queryset):
            found = real(queryset)
            if queryset.model is model and not getattr(waited, "done", False):
                waited.done = True
                barrier.wait()
            return found

        monkeypatch.setattr(QuerySet, "exists", exists)

    return patch


def race(*requests):
    """Run each callable in its own thread (its own database connection) at once; return
    what each returned, or the exception it raised."""
    import threading

    from django.db import connection

    results = [None] * len(requests)

    def run(index, request):
        try:
            results[index] = request()
        except Exception as exc:  # a 500 in the test client, an unhandled IntegrityError
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, r)) for i, r in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(RACE_TIMEOUT * 2)
    return results


def logged_in(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db(transaction=True)
def test_two_requests_creating_one_user_name_at_once_give_one_user_and_the_forms_message(
    on_postgresql, analyst, both_pass_the_check
):
    first, second = logged_in(analyst), logged_in(analyst)
    both_pass_the_check(User)

    def create(client):
        post = {
            "username": "twin",
            "first_name": "สมชาย",
            "last_name": "ใจดี",
            "role": "executive",
            "password": "a-long-pass-2565",
            "is_active": "on",
        }
        return lambda: client.post(reverse("user_create"), post)

    responses = race(create(first), create(second))

    assert sorted(getattr(r, "status_code", r) for r in responses) == [200, 302], responses
    refused = next(r for r in responses if r.status_code == 200)
    assert refused.context["form"].errors["username"] == [USERNAME_UNAVAILABLE]
    assert User.objects.filter(username="twin").count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_requests_creating_one_order_number_at_once_give_one_order_and_the_forms_message(
    on_postgresql, analyst, both_pass_the_check
):
    first, second = logged_in(analyst), logged_in(analyst)
    both_pass_the_check(Order)

    responses = race(
        lambda: first.post(reverse("committees:create"), order_post()),
        lambda: second.post(reverse("committees:create"), order_post()),
    )

    assert sorted(getattr(r, "status_code", r) for r in responses) == [200, 302], responses
    refused = next(r for r in responses if r.status_code == 200)
    assert "มีอยู่แล้ว" in " ".join(refused.context["form"].errors["number"])
    assert Order.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_requests_creating_one_year_at_once_give_one_assessment_and_the_message(
    on_postgresql, org, both_pass_the_check
):
    make_framework(2565)
    both_pass_the_check(Assessment)

    def create():
        return assessment_services.assessment_create(organization=org, year=2565)

    results = race(create, create)

    created = [r for r in results if isinstance(r, Assessment)]
    refused = [r for r in results if isinstance(r, AssessmentError)]
    assert (len(created), len(refused)) == (1, 1), results
    assert "อยู่แล้ว" in str(refused[0])
    assert Assessment.objects.filter(organization=org, year=2565).count() == 1
