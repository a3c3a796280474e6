"""Every measures URL by role: the expected status, so a view that forgets its check fails.

Roles: anonymous, staff of a responsible department (finance), staff of another
department (office), the mayor, the agency admin, and an admin of another organization.
"""

from datetime import date

import pytest
from django.urls import reverse

from measures.models import Evidence, MeasureReport, Memo
from tests.conftest import sent_form_data
from tests.measures import factories

ROLES = ["anonymous", "staff_finance", "staff_office", "mayor", "analyst", "outsider"]

# url name -> (args builder key, {role: expected GET status})
MATRIX = {
    "measures:list": (None, {"staff_office": 200, "mayor": 200, "analyst": 200, "outsider": 200}),
    "measures:mine": (None, {"staff_office": 200, "mayor": 200, "analyst": 200, "outsider": 200}),
    "measures:detail": ("measure", {"staff_finance": 200, "staff_office": 200, "mayor": 200, "analyst": 200, "outsider": 404}),
    "measures:edit": ("measure", {"staff_finance": 200, "staff_office": 403, "mayor": 403, "analyst": 200, "outsider": 404}),
    "measures:report_add": ("measure", {"staff_finance": 200, "staff_office": 403, "mayor": 403, "analyst": 200, "outsider": 404}),
    "measures:evidence": ("evidence", {"staff_finance": 200, "staff_office": 200, "mayor": 200, "analyst": 200, "outsider": 404}),
    "measures:evidence_remove": ("evidence", {"staff_finance": 405, "staff_office": 405, "mayor": 405, "analyst": 405, "outsider": 405}),
    "measures:create": ("year", {"staff_finance": 403, "staff_office": 403, "mayor": 403, "analyst": 200, "outsider": 404}),
    "measures:report_pdf": ("year", {"staff_office": 200, "mayor": 200, "analyst": 200, "outsider": 302}),
    "measures:progress_pdf": ("year", {"staff_office": 200, "mayor": 200, "analyst": 200, "outsider": 302}),
    "measures:export_xlsx": ("year", {"staff_office": 200, "mayor": 200, "analyst": 200, "outsider": 404}),
    "measures:memo_list": (None, {"staff_office": 200, "mayor": 200, "analyst": 200, "outsider": 200}),
    "measures:memo_create": ("year", {"staff_office": 403, "mayor": 403, "analyst": 200, "outsider": 404}),
    "measures:memo_detail": ("memo", {"staff_office": 200, "mayor": 200, "analyst": 200, "outsider": 404}),
    "measures:memo_edit": ("memo", {"staff_office": 403, "mayor": 403, "analyst": 200, "outsider": 404}),
    "measures:memo_ack": ("memo", {"staff_office": 405, "mayor": 405, "analyst": 405, "outsider": 405}),
    "measures:memo_pdf": ("memo", {"staff_office": 200, "mayor": 200, "analyst": 200, "outsider": 404}),
    "measures:memo_docx": ("memo", {"staff_office": 200, "mayor": 200, "analyst": 200, "outsider": 404}),
    "measures:report_docx": ("year", {"staff_office": 200, "mayor": 200, "analyst": 200, "outsider": 302}),
    "measures:progress_docx": ("year", {"staff_office": 200, "mayor": 200, "analyst": 200, "outsider": 302}),
    "measures:memo_sign": ("memo", {"staff_office": 403, "mayor": 403, "analyst": 405, "outsider": 405}),
    "measures:memo_reopen": ("memo", {"staff_office": 405, "mayor": 405, "analyst": 405, "outsider": 405}),
}  # fmt: skip


@pytest.fixture
def objects(org, depts, seed, staff_finance):
    measure = factories.measure(seed[6].assessment, 7, [depts["finance"]], order=5)
    report = MeasureReport.objects.create(measure=measure, year=2566, quarter=1, text="ผล")
    evidence = Evidence(report=report, original_name="a.pdf", size=5)
    from django.core.files.base import ContentFile

    evidence.file.save("a.pdf", ContentFile(b"%PDF-"), save=True)
    memo = Memo.objects.create(
        assessment=seed[6].assessment,
        date=date(2022, 10, 31),
        issuing_unit="สำนักปลัด",
        subject="เรื่อง",
        addressee="เรียน",
        body=["ย่อหน้า"],
        signer_name="ก",
        signer_position="ข",
    )
    return {"measure": [measure.pk], "evidence": [evidence.pk], "memo": [memo.pk], "year": [2565]}


def test_every_measures_url_is_in_the_matrix():
    from measures import urls

    names = {f"measures:{p.name}" for p in urls.urlpatterns}
    assert names == set(MATRIX)


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_each_role_gets_the_expected_status(
    request, client, name, objects, staff_finance, staff_office, mayor, analyst, outsider
):
    key, expected = MATRIX[name]
    url = reverse(name, args=objects[key] if key else [])
    for role in ROLES:
        client.logout()
        if role == "anonymous":
            response = client.get(url)
            assert response.status_code == 302 and "/login/" in response["Location"], name
            continue
        client.force_login(request.getfixturevalue(role))
        status = expected.get(role, expected.get("staff_office"))
        assert client.get(url).status_code == status, (name, role)


def test_the_measure_form_round_trips_through_its_html(login, analyst, seed):
    """Post back exactly what the rendered form holds: it saves and changes nothing."""
    measure = seed[6]
    client = login(analyst)
    url = reverse("measures:edit", args=[measure.pk])
    data = sent_form_data(client.get(url).content, "main form[method=post]")
    before = {
        f: getattr(measure, f)
        for f in ("improvements", "steps", "monitoring", "responsible_people", "title", "sub_topic")
    }
    response = client.post(url, data)
    errors = response.context["form"].errors if response.context else None
    assert response.status_code == 302, errors
    measure.refresh_from_db()
    assert {f: getattr(measure, f) for f in before} == before
    assert {d.pk for d in measure.departments.all()} == {d.pk for d in seed[6].departments.all()}
    assert measure.version == 2


def test_every_measures_model_is_in_the_admin():
    from django.contrib import admin

    from measures.models import Acknowledgement, Measure

    for model in (Measure, MeasureReport, Evidence, Memo, Acknowledgement):
        assert admin.site.is_registered(model)


def test_the_admin_pages_open_for_the_operator(client, operator, objects):
    client.force_login(operator)
    for model in ("measure", "measurereport", "evidence", "memo", "acknowledgement"):
        assert client.get(reverse(f"admin:measures_{model}_changelist")).status_code == 200
        assert client.get(reverse(f"admin:measures_{model}_add")).status_code == 200
    assert (
        client.get(reverse("admin:measures_measure_change", args=objects["measure"])).status_code
        == 200
    )
    assert (
        client.get(reverse("admin:measures_memo_change", args=objects["memo"])).status_code == 200
    )
