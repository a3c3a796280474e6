"""Two requests that create the same year, user name, department or order number at
the same moment both pass the "is it free?" check; the database refuses the second. That
refusal answers with the form's own "already exists" message, never a 500.

The race is reproduced by letting the check see nothing (as the second request did,
before the first committed) while the first record is already in the database."""

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
