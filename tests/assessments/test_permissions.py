"""Every URL of this feature × every role → the expected status (the agency admin does
everything here; the executive and staff read; another organization gets 404; the
public sees only the public page)."""

import pytest
from django.urls import reverse

ROLES = ["anonymous", "staff_office", "analyst", "mayor", "outsider", "operator"]
READ = dict(zip(ROLES, [302, 200, 200, 200, 404, 403], strict=True))
READ_PAGE = dict(zip(ROLES, [302, 200, 200, 200, 200, 403], strict=True))  # no object
ADMIN = dict(zip(ROLES, [302, 403, 200, 403, 404, 403], strict=True))
ADMIN_PAGE = dict(zip(ROLES, [302, 403, 200, 403, 200, 403], strict=True))
PUBLIC = dict.fromkeys(ROLES, 200)

MATRIX = [
    ("assessments:dashboard", {}, READ_PAGE),
    ("assessments:create", {}, ADMIN_PAGE),
    ("assessments:detail", {"year": 2565}, READ),
    ("assessments:scores", {"year": 2565}, ADMIN),
    ("assessments:item_results", {"year": 2565}, READ),
    ("assessments:analysis", {"year": 2565}, ADMIN),
    ("public:ita", {"org_slug": "thotsop", "year": 2565}, PUBLIC),
    ("public:ita_json", {"org_slug": "thotsop", "year": 2565}, PUBLIC),
]


@pytest.mark.parametrize("role", ROLES)
def test_every_page_answers_each_role_as_expected(request, client, role, scored2565):
    from datetime import date

    from assessments.services import assessment_make_public

    assessment_make_public(assessment=scored2565, on=date(2022, 9, 30), version=scored2565.version)
    user = None if role == "anonymous" else request.getfixturevalue(role)
    if user is not None:
        client.force_login(user)
    got = {name: client.get(reverse(name, kwargs=kw)).status_code for name, kw, _ in MATRIX}
    assert got == {name: expected[role] for name, _, expected in MATRIX}


@pytest.mark.parametrize("role", ROLES)
def test_the_score_import_accepts_only_the_agency_admin(request, client, role, scored2565):
    user = None if role == "anonymous" else request.getfixturevalue(role)
    if user is not None:
        client.force_login(user)
    status = client.post(reverse("assessments:scores_import", args=[2565])).status_code
    assert status == ADMIN[role]  # the admin gets the form back: no file chosen
