"""One write contract for every record people edit (itaportal.editing).

Every versioned record is saved from its real page here: the test opens the page as a
browser would (the form's fields read back from the HTML), someone else saves the record
through its service, and the stale page's save must answer 409 with the typed text still
in the form, what changed shown, and nothing written. A page without a usable version
is refused the same way. The status of a measure, whichever path changes it, leaves a
history row and moves the version on. And no code updates a tracked model behind its
history's back with QuerySet.update().
"""

import ast
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.test import Client
from django.urls import reverse

from assessments import services as assessment_services
from assessments.models import Assessment, IndicatorScore, InstrumentAnalysis, OITItemResult
from audit.tracked import TRACKED
from committees import services as order_services
from committees.models import Committee, Duty, Member, Order
from itaportal.editing import Conflict, DomainError, Versioned
from measures import demo as measures_demo
from measures import services as measure_services
from measures.models import Evidence, Measure, MeasureReport, Memo, Quarter
from oit import services as oit_services
from oit.models import AnswerEvent, OITAnswer, OITAnswerAttachment
from tests.assessments.factories import make_answer, make_framework
from tests.committees.conftest import make_order
from tests.measures import factories as measure_factories
from tests.trust.helpers import rows

pytestmark = pytest.mark.django_db

S = OITAnswer.Status


# --- reading a page's form as a browser would submit it ----------------------------------------


def textarea_value(element):
    # A browser drops the one line break Django writes after <textarea>.
    return element.text[1:] if element.text.startswith("\n") else element.text


def form_data(form):
    """{name: [values]} of what a browser submits for `form` (a BeautifulSoup element):
    text, hidden and date inputs, textareas, checked boxes, selected options; never the
    contents of a <template> (the order page's empty committee)."""
    data = {}

    def add(name, value):
        data.setdefault(name, []).append(value)

    for element in form.find_all(["input", "textarea", "select"]):
        name = element.get("name")
        if not name or element.has_attr("disabled") or element.find_parent("template"):
            continue
        if element.name == "textarea":
            add(name, textarea_value(element))
        elif element.name == "select":
            options = element.find_all("option")
            chosen = [o for o in options if o.has_attr("selected")]
            if not chosen and options and not element.has_attr("multiple"):
                chosen = options[:1]
            for option in chosen:
                add(name, option.get("value", option.text))
        elif element.get("type", "text") in ("checkbox", "radio"):
            if element.has_attr("checked"):
                add(name, element.get("value", "on"))
        elif element.get("type", "text") not in ("submit", "button", "file", "reset", "image"):
            add(name, element.get("value", ""))
    return data


def form_of(soup, field):
    """The form that holds the field named `field`."""
    element = soup.find(["input", "textarea", "select"], attrs={"name": field})
    assert element is not None, f"no field {field} on the page"
    return element.find_parent("form")


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def typed_in(soup, field):
    """What the page shows in the field named `field`."""
    element = soup.find(["input", "textarea"], attrs={"name": field})
    return textarea_value(element) if element.name == "textarea" else element.get("value", "")


# --- one case per versioned record and page --------------------------------------------------


@dataclass
class Case:
    user: object
    url: str
    field: str  # the field the user types into
    typed: str
    other_save: Callable[[], object]  # someone else's save, through the service
    state: Callable[[], dict]  # the rows the save would change (and their history)


@pytest.fixture
def people(org, office, finance, analyst, mayor, staff_office, staff_finance):
    return SimpleNamespace(
        org=org,
        office=office,
        finance=finance,
        depts=measure_factories.departments(org),
        analyst=analyst,
        mayor=mayor,
        staff_office=staff_office,
        staff_finance=staff_finance,
    )


ORDER_HEADER = ["number", "year", "subject", "fiscal_year", "preamble", "closing", "signed_on",
                "signer_prefix", "signer_name", "signer_position", "status"]  # fmt: skip


def order_case(p):
    order = make_order(p.org)

    def other_save():
        stored = Order.objects.get(pk=order.pk)
        order_services.order_save(
            organization=p.org, order=stored, version=stored.version, user=p.analyst,
            committees=[order_services.CommitteeData.from_committee(c) for c in stored.committees.all()],
            **{name: getattr(stored, name) for name in ORDER_HEADER} | {"subject": "เรื่องที่อีกคนบันทึก"},
        )  # fmt: skip

    return Case(
        p.analyst, reverse("committees:edit", args=[order.pk]), "subject", "เรื่องที่ฉันพิมพ์ค้างไว้",
        other_save, lambda: rows(Order, Committee, Member, Duty),
    )  # fmt: skip


def answer_case(p):
    framework = make_framework(2567)
    answer = make_answer(p.org, framework, "O1", p.office, S.DRAFT, p.staff_office)

    def other_save():
        stored = OITAnswer.objects.get(pk=answer.pk)
        oit_services.oit_answer_save(
            answer=stored, actor=p.analyst, version=stored.version, links=stored.links,
            where_to_find=stored.where_to_find, explanation="คำอธิบายของผู้ดูแลระบบ",
            element_evidence={},
        )  # fmt: skip

    return Case(
        p.staff_office, reverse("oit:answer", args=[2567, "O1"]), "explanation",
        "คำอธิบายที่ฉันพิมพ์ค้างไว้", other_save,
        lambda: rows(OITAnswer, AnswerEvent, OITAnswerAttachment),
    )  # fmt: skip


def a_measure(p, **fields):
    assessment = measure_factories.assessment(p.org, 2565)
    return measure_factories.measure(assessment, 6, [p.depts["finance"]], **fields)


MEASURE_FIELDS = ["indicator", "order", "sub_topic", "weakness", "improvements", "departments",
                  "responsible_people", "steps", "monitoring", "title", "oit_items",
                  "start_date", "due_date", "status", "progress"]  # fmt: skip


def measure_values(measure, **changes):
    values = {name: getattr(measure, name) for name in MEASURE_FIELDS}
    values["departments"] = list(measure.departments.all())
    values["oit_items"] = list(measure.oit_items.all())
    return values | changes


def measure_state():
    return rows(Measure, Measure.departments.through, Measure.oit_items.through)


def measure_case(p):
    measure = a_measure(p, title="มาตรการเดิม")

    def other_save():
        stored = Measure.objects.get(pk=measure.pk)
        measure_services.measure_progress_save(
            measure=stored, user=p.staff_finance, version=stored.version, status="in_progress",
            progress=30,
        )  # fmt: skip

    return Case(
        p.analyst, reverse("measures:edit", args=[measure.pk]), "title",
        "มาตรการที่ฉันพิมพ์ค้างไว้", other_save, measure_state,
    )  # fmt: skip


def progress_case(p):
    measure = a_measure(p, title="มาตรการเดิม")

    def other_save():
        stored = Measure.objects.get(pk=measure.pk)
        measure_services.measure_save(
            assessment=stored.assessment, measure=stored, version=stored.version, user=p.analyst,
            **measure_values(stored, title="มาตรการที่ผู้ดูแลระบบแก้", progress=20),
        )  # fmt: skip

    return Case(
        p.staff_finance, reverse("measures:edit", args=[measure.pk]), "progress", "๔๒",
        other_save, measure_state,
    )  # fmt: skip


def report_case(p):
    measure = a_measure(p)
    quarter = Quarter(2566, 1)
    measure_services.report_save(
        measure=measure, quarter=quarter, text="ผลเดิม", links=[], files=[], user=p.staff_finance
    )

    def other_save():
        stored = MeasureReport.objects.get(measure=measure, year=2566, quarter=1)
        measure_services.report_save(
            measure=measure, quarter=quarter, text="ผลที่อีกคนแก้", links=[], files=[],
            user=p.analyst, department=stored.department, version=stored.version,
        )  # fmt: skip

    url = reverse("measures:report_add", args=[measure.pk]) + "?quarter=2566-1"
    return Case(
        p.staff_finance, url, "text", "ผลที่ฉันพิมพ์ค้างไว้", other_save,
        lambda: rows(MeasureReport, Evidence, Measure),
    )  # fmt: skip


MEMO_FIELDS = ["issuing_unit", "number", "date", "subject", "addressee", "body", "closing",
               "signer_prefix", "signer_name", "signer_position"]  # fmt: skip


def memo_case(p):
    assessment = measure_factories.assessment(p.org, 2565)
    memo = Memo.objects.create(
        assessment=assessment, date=date(2022, 10, 31), issuing_unit="สำนักปลัด",
        **{k: v for k, v in measures_demo.MEMO.items() if k != "date"},
    )  # fmt: skip

    def other_save():
        stored = Memo.objects.get(pk=memo.pk)
        measure_services.memo_save(
            assessment=assessment, memo=stored, version=stored.version,
            **{name: getattr(stored, name) for name in MEMO_FIELDS} | {"subject": "เรื่องของอีกคน"},
        )  # fmt: skip

    return Case(
        p.analyst, reverse("measures:memo_edit", args=[memo.pk]), "subject",
        "เรื่องที่ฉันพิมพ์ค้างไว้", other_save, lambda: rows(Memo, Memo.recipients.through),
    )  # fmt: skip


def stored_assessment(p):
    return Assessment.objects.get(organization=p.org, year=2565)


def scores_case(p):
    measure_factories.assessment(p.org, 2565)

    def other_save():
        a = stored_assessment(p)
        assessment_services.scores_save(
            assessment=a, scores={3: Decimal("66.66")}, version=a.version
        )

    return Case(
        p.analyst, reverse("assessments:scores", args=[2565]), "indicator_3", "๗๗.๗๗",
        other_save, lambda: rows(Assessment, IndicatorScore),
    )  # fmt: skip


def item_results_case(p):
    measure_factories.assessment(p.org, 2565)

    def other_save():
        a = stored_assessment(p)
        assessment_services.item_results_save(
            assessment=a, version=a.version,
            results={"O7": assessment_services.ItemResultInput(met=False, reason="ของอีกคน")},
        )  # fmt: skip

    return Case(
        p.analyst, reverse("assessments:item_results", args=[2565]), "reason_O7",
        "เหตุผลที่ฉันพิมพ์ค้างไว้", other_save,
        lambda: rows(Assessment, IndicatorScore, OITItemResult),
    )  # fmt: skip


def analysis_case(p):
    measure_factories.assessment(p.org, 2565)

    def other_save():
        a = stored_assessment(p)
        assessment_services.analysis_save(
            assessment=a, recommendations="ข้อเสนอแนะของอีกคน", analyses={}, version=a.version
        )

    return Case(
        p.analyst, reverse("assessments:analysis", args=[2565]), "recommendations",
        "ข้อเสนอแนะที่ฉันพิมพ์ค้างไว้", other_save, lambda: rows(Assessment, InstrumentAnalysis),
    )  # fmt: skip


CASES = {
    "order": order_case,
    "oit answer": answer_case,
    "measure (admin's form)": measure_case,
    "measure (department's progress form)": progress_case,
    "quarterly report": report_case,
    "memo": memo_case,
    "indicator scores": scores_case,
    "oit item results": item_results_case,
    "analysis": analysis_case,
}


def open_page(case):
    """A client of the case's user and the form data of its page, as opened now."""
    client = Client()
    client.force_login(case.user)
    page = client.get(case.url)
    assert page.status_code == 200
    return client, form_data(form_of(soup_of(page), case.field))


@pytest.mark.parametrize("name", CASES)
def test_a_stale_save_answers_409_keeps_the_typed_text_and_saves_nothing(name, people):
    case = CASES[name](people)
    client, data = open_page(case)
    case.other_save()
    after_other_save = case.state()
    data[case.field] = [case.typed]

    response = client.post(case.url, data)

    assert response.status_code == 409
    soup = soup_of(response)
    assert typed_in(soup, case.field) == case.typed
    assert soup.find(id="conflict") is not None  # what the other save stored
    assert "ถูกแก้ไขโดย" in soup.get_text()
    assert case.state() == after_other_save
    # Having seen it, saving again from the refused page goes through.
    again = client.post(case.url, form_data(form_of(soup, case.field)))
    assert again.status_code == 302
    assert case.state() != after_other_save


@pytest.mark.parametrize("version", [None, "", "abc", "-1", "1.0"])
@pytest.mark.parametrize("name", CASES)
def test_a_missing_or_malformed_version_is_refused(name, version, people):
    case = CASES[name](people)
    client, data = open_page(case)
    data[case.field] = [case.typed]
    if version is None:
        del data["version"]
    else:
        data["version"] = [version]
    before = case.state()

    response = client.post(case.url, data)

    assert response.status_code == 409
    assert typed_in(soup_of(response), case.field) == case.typed
    assert case.state() == before


def test_every_edited_record_is_versioned():
    for model in (Order, OITAnswer, Measure, MeasureReport, Memo, Assessment):
        assert issubclass(model, Versioned), model


def test_every_apps_refusals_share_one_base_and_one_conflict():
    errors = [
        oit_services.AnswerError,
        order_services.OrderError,
        measure_services.MeasureError,
        assessment_services.AssessmentError,
    ]
    assert all(issubclass(error, DomainError) for error in errors)
    assert issubclass(Conflict, DomainError)
    assert not hasattr(oit_services, "AnswerConflict")
    assert not hasattr(measure_services, "StaleEdit")


# --- a measure's status, whichever path changes it ---------------------------------------------


def admin_edits_the_status(measure, p):
    client = Client()
    client.force_login(p.analyst)
    url = reverse("measures:edit", args=[measure.pk])
    data = form_data(form_of(soup_of(client.get(url)), "title"))
    data.update(status=["done"], progress=["100"])  # done means 100: the form says so
    return client.post(url, data)


def department_updates_its_progress(measure, p):
    client = Client()
    client.force_login(p.staff_finance)
    url = reverse("measures:edit", args=[measure.pk])
    data = form_data(form_of(soup_of(client.get(url)), "progress"))
    data.update(status=["in_progress"], progress=["๑๐"])
    return client.post(url, data)


def department_adds_a_quarterly_report(measure, p):
    client = Client()
    client.force_login(p.staff_finance)
    url = reverse("measures:report_add", args=[measure.pk]) + "?quarter=2566-2"
    data = form_data(form_of(soup_of(client.get(url)), "text"))
    data["text"] = ["จัดอบรมเจ้าหน้าที่แล้ว"]
    return client.post(url, data)


STATUS_PATHS = {
    "the admin's edit form (measure_save)": (admin_edits_the_status, "done"),
    "the department's progress form (measure_progress_save)": (
        department_updates_its_progress,
        "in_progress",
    ),
    "adding a quarterly report (report_save)": (department_adds_a_quarterly_report, "in_progress"),
}


@pytest.mark.parametrize("path", STATUS_PATHS)
def test_every_status_change_leaves_history_moves_the_version_and_refuses_older_pages(path, people):
    change, new_status = STATUS_PATHS[path]
    measure = a_measure(people, title="มาตรการเดิม")
    assert measure.status == Measure.Status.NOT_STARTED
    # The admin opened the measure's edit page before the change.
    admin = Client()
    admin.force_login(people.analyst)
    edit_url = reverse("measures:edit", args=[measure.pk])
    opened = form_data(form_of(soup_of(admin.get(edit_url)), "title"))
    history, version = measure.history.count(), measure.version

    assert change(measure, people).status_code == 302

    measure.refresh_from_db()
    assert measure.status == new_status
    assert measure.version == version + 1
    assert measure.history.count() == history + 1
    assert measure.history.first().status == new_status
    # The page opened before cannot write the old status back.
    opened["title"] = ["ชื่อที่แก้บนหน้าเก่า"]
    refused = admin.post(edit_url, opened)
    assert refused.status_code == 409
    measure.refresh_from_db()
    assert (measure.status, measure.title) == (new_status, "มาตรการเดิม")


def test_a_report_on_a_measure_under_way_leaves_its_status_and_version(people):
    measure = a_measure(people, status=Measure.Status.IN_PROGRESS)
    history, version = measure.history.count(), measure.version
    assert department_adds_a_quarterly_report(measure, people).status_code == 302
    measure.refresh_from_db()
    assert (measure.version, measure.history.count()) == (version, history)


# --- OIT steps carry the version too ------------------------------------------------------------


@pytest.fixture
def submitted(people):
    framework = make_framework(2567)
    return make_answer(people.org, framework, "O2", people.office, S.SUBMITTED, people.staff_office)


def test_a_stale_return_answers_409_and_keeps_the_executives_comment(people, submitted):
    mayor = Client()
    mayor.force_login(people.mayor)
    page_url = reverse("oit:answer", args=[2567, "O2"])
    form = form_of(soup_of(mayor.get(page_url)), "comment")
    data = form_data(form) | {"comment": ["ลิงก์ที่สองเปิดไม่ได้"]}
    # The admin gives the item to another department meanwhile.
    oit_services.oit_items_assign(
        organization=people.org, year=2567, item_ids=[submitted.item_id],
        department=people.finance, actor=people.analyst,
    )  # fmt: skip
    before = rows(OITAnswer, AnswerEvent)

    response = mayor.post(form["action"], data)

    assert response.status_code == 409
    soup = soup_of(response)
    assert textarea_value(soup.find("textarea", id="return-comment")) == "ลิงก์ที่สองเปิดไม่ได้"
    assert "กองคลัง" in soup.find(id="conflict").get_text()
    assert rows(OITAnswer, AnswerEvent) == before
    # Returning again from the refused page goes through, with the comment as typed.
    again = form_of(soup, "comment")
    assert mayor.post(again["action"], form_data(again)).status_code == 302
    submitted.refresh_from_db()
    assert (submitted.status, submitted.review_comment) == (S.RETURNED, "ลิงก์ที่สองเปิดไม่ได้")


@pytest.mark.parametrize("version", [None, "", "abc"])
@pytest.mark.parametrize("action, who", [("approve", "mayor"), ("return", "mayor")])
def test_an_oit_step_without_a_usable_version_is_refused(people, submitted, action, who, version):
    client = Client()
    client.force_login(getattr(people, who))
    data = {"comment": "แก้ลิงก์"} | ({} if version is None else {"version": version})
    before = rows(OITAnswer, AnswerEvent)
    response = client.post(reverse(f"oit:{action}", args=[2567, "O2"]), data)
    assert response.status_code == 409
    assert rows(OITAnswer, AnswerEvent) == before


def test_submitting_without_the_pages_version_is_refused(people):
    framework = make_framework(2567)
    draft = make_answer(people.org, framework, "O1", people.office, S.DRAFT, people.staff_office)
    client = Client()
    client.force_login(people.staff_office)
    response = client.post(reverse("oit:submit", args=[2567, "O1"]))
    assert response.status_code == 409
    draft.refresh_from_db()
    assert draft.status == S.DRAFT


def test_a_stale_bulk_approval_answers_409_and_approves_nothing(people, submitted):
    other = make_answer(
        people.org, submitted.item.sub_indicator.indicator.framework, "O3", people.office,
        S.SUBMITTED, people.staff_office,
    )  # fmt: skip
    mayor = Client()
    mayor.force_login(people.mayor)
    queue_url = reverse("oit:queue", args=[2567])
    queue = soup_of(mayor.get(queue_url))
    form = queue.find(id="approve-many")
    data = {"answers": [str(submitted.pk), str(other.pk)]} | {
        i["name"]: i["value"] for i in queue.select('input[form="approve-many"][type=hidden]')
    }
    oit_services.oit_answer_return(
        answer=other, actor=people.mayor, comment="แก้", version=other.version
    )
    before = rows(OITAnswer, AnswerEvent)

    response = mayor.post(form["action"], data)

    assert response.status_code == 409
    assert "O3" in response.content.decode()
    assert rows(OITAnswer, AnswerEvent) == before


# --- no QuerySet.update() on a tracked model ------------------------------------------------------

# Stamps no one edits, which save() cannot write (auto_now): the demo back-dates them.
STAMPS = {"created_at", "updated_at"}
SOURCES = ["itaportal", "assessments", "oit", "committees", "measures", "audit", "ops"]


def _root_and_chain(node):
    """The name a call chain starts from and the attributes along it
    (`Measure.objects.filter(pk=1).update` -> ("Measure", ["update", "filter", "objects"]))."""
    chain = []
    while True:
        if isinstance(node, ast.Attribute):
            chain.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Name):
            return node.id, chain
        else:
            return None, chain


def tracked_updates(source, names):
    """(line, text) of every QuerySet.update() on a model named in `names` in `source`
    that writes more than the stamps."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr not in ("update", "bulk_update"):
            continue
        root, chain = _root_and_chain(node.func)
        if root in names and "objects" in chain:
            written = {kw.arg for kw in node.keywords}
            if node.func.attr == "bulk_update" or not written <= STAMPS:
                found.append((node.lineno, ast.unparse(node)))
    return found


def test_the_scan_finds_an_update_that_bypasses_history():
    source = "Measure.objects.filter(pk=1).update(status='in_progress')\n"
    assert tracked_updates(source, {"Measure"}) == [
        (1, "Measure.objects.filter(pk=1).update(status='in_progress')")
    ]
    assert tracked_updates("Measure.objects.filter(pk=1).update(updated_at=at)", {"Measure"}) == []


def test_no_code_updates_a_tracked_model_behind_its_history():
    names = {model.__name__ for model in TRACKED}
    offenders = []
    for folder in SOURCES:
        for path in sorted((Path(settings.BASE_DIR) / folder).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            for line, text in tracked_updates(path.read_text(encoding="utf-8"), names):
                offenders.append(f"{path.relative_to(settings.BASE_DIR)}:{line}: {text}")
    assert not offenders, "QuerySet.update() on a tracked model:\n" + "\n".join(offenders)


def test_an_operators_change_in_the_django_admin_moves_the_version_on(people, operator):
    """The admin checks no version (it is the operator's tool), but a page of the portal
    opened before the operator's change must not write the old values back."""
    order = make_order(people.org)
    analyst = Client()
    analyst.force_login(people.analyst)
    edit_url = reverse("committees:edit", args=[order.pk])
    opened = form_data(form_of(soup_of(analyst.get(edit_url)), "subject"))
    admin = Client()
    admin.force_login(operator)
    admin_url = reverse("admin:committees_order_change", args=[order.pk])
    data = form_data(soup_of(admin.get(admin_url)).find(id="order_form"))
    data["subject"] = ["เรื่องที่ผู้ดูแลระบบกลางแก้"]

    assert admin.post(admin_url, data).status_code == 302

    order.refresh_from_db()
    assert (order.subject, order.version) == ("เรื่องที่ผู้ดูแลระบบกลางแก้", 2)
    assert analyst.post(edit_url, opened).status_code == 409
    order.refresh_from_db()
    assert order.subject == "เรื่องที่ผู้ดูแลระบบกลางแก้"
