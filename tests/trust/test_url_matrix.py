"""Every URL of the portal × every role → the expected status.

The matrix must name every URL name in the URL configuration: a new view added without
an entry here fails `test_every_url_name_is_in_the_matrix`, and a view that forgets its
access check fails the matrix itself. Data: the demo organization (loaddemo), a second
organization whose admin is the outsider, and an operator without organization.
"""

from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from announcements.models import Announcement
from assessments.models import Assessment, OITItem
from committees.models import Order
from deadlines.models import CalendarFeed, OrganizationDeadline
from measures.models import Evidence, Measure, MeasureReport, Memo
from notices.models import Notification
from oit.models import (
    ANSWER_YEAR,
    Clarification,
    ClarificationAttachment,
    ItemVerdict,
    OITAnswer,
    OITAnswerAttachment,
)
from tests.conftest import make_user

ROLES = ["anonymous", "staff", "staff_other", "admin", "executive", "outsider", "operator"]


def statuses(codes):
    """'302 200 200 200 200 404 403' → {role: status} in ROLES order."""
    values = [int(c) for c in codes.split()]
    assert len(values) == len(ROLES)
    return dict(zip(ROLES, values, strict=True))


# Patterns of access, in ROLES order: anonymous, staff (own department), staff of another
# department, agency admin, executive, admin of another organization, operator.
PUBLIC = statuses("200 200 200 200 200 200 200")
LOGIN_ANY = statuses("302 200 200 200 200 200 200")
ORG_PAGE = statuses("302 200 200 200 200 200 403")  # the user's own organization's page
ORG_OBJECT = statuses("302 200 200 200 200 404 403")  # an object of the demo organization
ADMIN_PAGE = statuses("302 403 403 200 403 200 403")
ADMIN_OBJECT = statuses("302 403 403 200 403 404 403")
ADMIN_OR_EXEC_OBJECT = statuses("302 403 403 200 200 404 403")
EXEC_PAGE = statuses("302 403 403 403 200 403 403")
DEPT_OBJECT = statuses("302 200 403 200 403 404 403")  # the staff's own department's work


@dataclass
class Entry:
    expected: dict
    kwargs: object = None  # scenario -> kwargs for reverse()
    method: str = "get"
    data: object = field(default_factory=dict)  # a dict, or scenario -> dict
    redirect_ok: bool = False  # a 302 counts as success for the allowed roles (POST actions)


MATRIX = {
    "home": Entry(ORG_PAGE),
    "login": Entry(statuses("200 302 302 302 302 302 302")),  # logged-in users go home
    "logout": Entry(statuses("302 302 302 302 302 302 302"), method="post"),
    "password_change": Entry(LOGIN_ANY),
    "password_change_done": Entry(LOGIN_ANY),
    "password_reset": Entry(PUBLIC),
    "password_reset_done": Entry(PUBLIC),
    "password_reset_confirm": Entry(PUBLIC, lambda s: {"uidb64": "MQ", "token": "x-y"}),
    "password_reset_complete": Entry(PUBLIC),
    "organization_settings": Entry(ADMIN_PAGE),
    "organization_emblem": Entry(statuses("302 404 404 404 404 404 403")),  # demo has no emblem
    "department_create": Entry(ADMIN_PAGE),
    "department_edit": Entry(ADMIN_OBJECT, lambda s: {"pk": s.staff.department_id}),
    "user_list": Entry(ADMIN_PAGE),
    "user_create": Entry(ADMIN_PAGE),
    "user_edit": Entry(ADMIN_OBJECT, lambda s: {"pk": s.staff.pk}),
    # Unconfirmed, the reset only asks (200); nothing changes.
    "user_password_reset": Entry(ADMIN_OBJECT, lambda s: {"pk": s.staff.pk}, method="post"),
    "healthz": Entry(PUBLIC),
    "healthz_page": Entry(ORG_PAGE),
    "audit:history": Entry(
        ADMIN_OR_EXEC_OBJECT,
        lambda s: {"app_label": "itaportal", "model_name": "user", "pk": s.staff.pk},
    ),
    # assessments
    "assessments:dashboard": Entry(ORG_PAGE),
    "assessments:create": Entry(ADMIN_PAGE),
    "assessments:detail": Entry(ORG_OBJECT, lambda s: {"year": 2565}),
    "assessments:scores": Entry(ADMIN_OBJECT, lambda s: {"year": 2565}),
    "assessments:scores_import": Entry(ADMIN_OBJECT, lambda s: {"year": 2565}, method="post"),
    "assessments:scores_template": Entry(ADMIN_OBJECT, lambda s: {"year": 2565, "format": "csv"}),
    "assessments:item_results_import": Entry(ADMIN_OBJECT, lambda s: {"year": 2565}, method="post"),
    "assessments:item_results_template": Entry(
        ADMIN_OBJECT, lambda s: {"year": 2565, "format": "xlsx"}
    ),
    "assessments:published": Entry(
        ADMIN_OBJECT,
        lambda s: {"year": 2565},
        method="post",
        data=lambda s: {
            "published_total": "60.61",
            "published_level": "D",
            "version": Assessment.objects.get(organization=s.org, year=2565).version,
        },
        redirect_ok=True,
    ),
    "assessments:make_public": Entry(
        ADMIN_OBJECT,
        lambda s: {"year": 2565},
        method="post",
        data=lambda s: {
            "public_on": "2022-09-30",
            "version": Assessment.objects.get(organization=s.org, year=2565).version,
        },
        redirect_ok=True,
    ),
    "assessments:item_results": Entry(ORG_OBJECT, lambda s: {"year": 2565}),
    "assessments:analysis": Entry(ADMIN_OBJECT, lambda s: {"year": 2565}),
    "favicon": Entry(statuses("301 301 301 301 301 301 301")),
    "public:years": Entry(PUBLIC, lambda s: {"org_slug": "nongprung"}),
    "public:emblem": Entry(
        statuses("404 404 404 404 404 404 404"), lambda s: {"org_slug": "nongprung"}
    ),  # demo has no emblem
    "public:ita": Entry(PUBLIC, lambda s: {"org_slug": "nongprung", "year": 2565}),
    "public:ita_json": Entry(PUBLIC, lambda s: {"org_slug": "nongprung", "year": 2565}),
    # measures (s.measure belongs to สำนักปลัด, not กองคลัง)
    "measures:list": Entry(ORG_PAGE),
    "measures:mine": Entry(ORG_PAGE),
    "measures:detail": Entry(ORG_OBJECT, lambda s: {"pk": s.measure.pk}),
    "measures:edit": Entry(DEPT_OBJECT, lambda s: {"pk": s.measure.pk}),
    "measures:report_add": Entry(DEPT_OBJECT, lambda s: {"pk": s.measure.pk}),
    "measures:evidence": Entry(ORG_OBJECT, lambda s: {"pk": s.evidence.pk}),
    # Unconfirmed, the post only asks (200): nothing is removed by the matrix.
    "measures:evidence_remove": Entry(DEPT_OBJECT, lambda s: {"pk": s.evidence.pk}, method="post"),
    "measures:create": Entry(ADMIN_OBJECT, lambda s: {"year": 2565}),
    # Another organization has no FY 2565 measures: its PDF links lead back to the list.
    "measures:report_pdf": Entry(statuses("302 200 200 200 200 302 403"), lambda s: {"year": 2565}),
    "measures:progress_pdf": Entry(
        statuses("302 200 200 200 200 302 403"), lambda s: {"year": 2565}
    ),
    "measures:progress_docx": Entry(
        statuses("302 200 200 200 200 302 403"), lambda s: {"year": 2565}
    ),
    "measures:export_xlsx": Entry(ORG_OBJECT, lambda s: {"year": 2565}),
    "measures:memo_list": Entry(ORG_PAGE),
    "measures:memo_create": Entry(ADMIN_OBJECT, lambda s: {"year": 2565}),
    "measures:memo_detail": Entry(ORG_OBJECT, lambda s: {"pk": s.memo.pk}),
    "measures:memo_edit": Entry(ADMIN_OBJECT, lambda s: {"pk": s.memo.pk}),
    "measures:memo_pdf": Entry(ORG_OBJECT, lambda s: {"pk": s.memo.pk}),
    "measures:memo_docx": Entry(ORG_OBJECT, lambda s: {"pk": s.memo.pk}),
    "measures:report_docx": Entry(
        statuses("302 200 200 200 200 302 403"), lambda s: {"year": 2565}
    ),
    # The demo memo is signed: signing it again is refused (a message), reopening it works.
    "measures:memo_sign": Entry(
        ADMIN_OBJECT,
        lambda s: {"pk": s.memo.pk},
        method="post",
        data=lambda s: {"signed_on": "2022-11-01", "version": s.memo_version()},
        redirect_ok=True,
    ),
    "measures:memo_reopen": Entry(
        statuses("302 403 403 403 200 403 403"),
        lambda s: {"pk": s.memo.pk},
        method="post",
        data=lambda s: {"reason": "แก้ชื่อผู้รับ", "version": s.memo_version()},
        redirect_ok=True,
    ),
    # Everyone of the organization may acknowledge once; staff-finance (ผอ.กองคลัง) has
    # already acknowledged the demo memo, as in the seed, so a second time is a conflict.
    "measures:memo_ack": Entry(
        statuses("302 200 409 200 200 404 403"),
        lambda s: {"pk": s.memo.pk},
        method="post",
        data={"name": "ผู้ทดสอบ", "position": "ตำแหน่งทดสอบ"},
        redirect_ok=True,
    ),
    # committees
    "committees:list": Entry(ORG_PAGE),
    "committees:create": Entry(ADMIN_PAGE),
    "committees:detail": Entry(ORG_OBJECT, lambda s: {"pk": s.order.pk}),
    "committees:edit": Entry(ADMIN_OBJECT, lambda s: {"pk": s.order.pk}),
    "committees:pdf": Entry(ORG_OBJECT, lambda s: {"pk": s.order.pk}),
    "committees:docx": Entry(ORG_OBJECT, lambda s: {"pk": s.order.pk}),
    "committees:reopen": Entry(
        statuses("302 403 403 403 200 403 403"),
        lambda s: {"pk": s.order.pk},
        method="post",
        data=lambda s: {"reason": "แก้เลขที่", "version": Order.objects.get(pk=s.order.pk).version},
        redirect_ok=True,
    ),
    "committees:copy": Entry(ADMIN_OBJECT, lambda s: {"pk": s.order.pk}),
    # OIT answers (demo FY 2565: O7 a draft of สำนักปลัด, O3 submitted, O1 approved)
    "oit:home": Entry(statuses("302 302 302 302 302 302 403")),  # to the year
    "oit:list": Entry(ORG_PAGE, lambda s: {"year": 2565}),
    "oit:queue": Entry(ORG_PAGE, lambda s: {"year": 2565}),
    "oit:progress": Entry(ORG_PAGE, lambda s: {"year": 2565}),
    "oit:assign": Entry(ADMIN_PAGE, lambda s: {"year": 2565}),
    "oit:copy": Entry(ADMIN_PAGE, lambda s: {"year": 2565}),
    "oit:links": Entry(ORG_PAGE, lambda s: {"year": 2565}),
    "oit:links_run": Entry(
        statuses("302 403 403 200 200 200 403"),
        lambda s: {"year": 2565},
        method="post",
        redirect_ok=True,
    ),
    "oit:snapshot_take": Entry(
        ADMIN_PAGE, lambda s: {"year": 2565}, method="post", redirect_ok=True
    ),
    "oit:snapshot_review": Entry(
        ADMIN_PAGE, lambda s: {"year": 2565}, method="post", redirect_ok=True
    ),
    "oit:answer": Entry(ORG_PAGE, lambda s: {"year": 2565, "code": "O7"}),
    "oit:attachment": Entry(ORG_OBJECT, lambda s: {"year": 2565, "pk": s.oit_attachment.pk}),
    "public:oit_attachment": Entry(
        PUBLIC, lambda s: {"org_slug": "nongprung", "year": 2565, "pk": s.oit_attachment.pk}
    ),
    # The steps carry the answer's version, as the item page's buttons do.
    "oit:submit": Entry(
        statuses("302 200 403 200 403 404 403"),
        lambda s: {"year": 2565, "code": "O7"},
        method="post",
        data=lambda s: {"version": s.answer_version("O7")},
        redirect_ok=True,
    ),
    "oit:withdraw": Entry(
        statuses("302 200 403 200 403 404 403"),
        lambda s: {"year": 2565, "code": "O3"},
        method="post",
        data=lambda s: {"version": s.answer_version("O3")},
        redirect_ok=True,
    ),
    "oit:approve": Entry(
        statuses("302 403 403 403 200 404 403"),
        lambda s: {"year": 2565, "code": "O3"},
        method="post",
        data=lambda s: {"version": s.answer_version("O3")},
        redirect_ok=True,
    ),
    "oit:return": Entry(
        statuses("302 403 403 403 200 404 403"),
        lambda s: {"year": 2565, "code": "O3"},
        method="post",
        data=lambda s: {"comment": "ขอแก้ลิงก์", "version": s.answer_version("O3")},
        redirect_ok=True,
    ),
    "oit:reopen": Entry(
        statuses("302 403 403 403 200 404 403"),
        lambda s: {"year": 2565, "code": "O1"},
        method="post",
        data=lambda s: {"comment": "ลิงก์ย้าย", "version": s.answer_version("O1")},
        redirect_ok=True,
    ),
    "oit:approve_many": Entry(EXEC_PAGE, lambda s: {"year": 2565}, method="post", redirect_ok=True),
    # verdicts and clarifications (s.clarification: O10 failed, สำนักปลัด's to write)
    "oit:verdicts": Entry(ORG_PAGE, lambda s: {"year": 2565}),
    "oit:clarifications": Entry(ORG_PAGE, lambda s: {"year": 2565}),
    "oit:clarifications_pdf": Entry(ORG_PAGE, lambda s: {"year": 2565}),
    "oit:clarifications_csv": Entry(ORG_PAGE, lambda s: {"year": 2565}),
    "oit:clarification": Entry(ORG_OBJECT, lambda s: {"year": 2565, "code": "O10"}),
    "oit:clarification_file": Entry(
        ORG_OBJECT, lambda s: {"year": 2565, "pk": s.clarification_file.pk}
    ),
    "oit:clarification_submit": Entry(
        statuses("302 200 403 200 403 404 403"),
        lambda s: {"year": 2565, "code": "O10"},
        method="post",
        data=lambda s: {"version": s.clarification.version},
        redirect_ok=True,
    ),
    "oit:clarification_approve": Entry(
        statuses("302 403 403 403 200 404 403"),
        lambda s: {"year": 2565, "code": "O10"},
        method="post",
        data=lambda s: {"version": s.clarification.version},
        redirect_ok=True,
    ),
    "oit:clarification_return": Entry(
        statuses("302 403 403 403 200 404 403"),
        lambda s: {"year": 2565, "code": "O10"},
        method="post",
        data=lambda s: {"comment": "ขอแก้", "version": s.clarification.version},
        redirect_ok=True,
    ),
    # announcements (s.announcement: a draft integrity statement of FY 2570)
    "announcements:list": Entry(ORG_PAGE),
    "announcements:create": Entry(ADMIN_PAGE),
    "announcements:detail": Entry(ORG_OBJECT, lambda s: {"pk": s.announcement.pk}),
    "announcements:edit": Entry(ADMIN_OBJECT, lambda s: {"pk": s.announcement.pk}),
    "announcements:pdf": Entry(ORG_OBJECT, lambda s: {"pk": s.announcement.pk}),
    "announcements:docx": Entry(ORG_OBJECT, lambda s: {"pk": s.announcement.pk}),
    "announcements:sign": Entry(
        ADMIN_OBJECT,
        lambda s: {"pk": s.announcement.pk},
        method="post",
        data=lambda s: {"signed_on": "2025-10-01", "version": s.announcement.version},
        redirect_ok=True,
    ),
    "announcements:reopen": Entry(
        statuses("302 403 403 403 200 403 403"),
        lambda s: {"pk": s.announcement.pk},
        method="post",
        data=lambda s: {"reason": "แก้คำ", "version": s.announcement.version},
        redirect_ok=True,
    ),
    "announcements:attach": Entry(
        ADMIN_OBJECT, lambda s: {"pk": s.announcement.pk}, method="post", redirect_ok=True
    ),
    # starting a fiscal year
    "years:start": Entry(ADMIN_PAGE),
    # search (results are the user's own organization's)
    "search:results": Entry(ORG_PAGE, data={"q": "มาตรการ"}),
    # the IIT/EIT campaign of the demo's live FY 2570 (no EIT link yet: the poster pages
    # lead back to the campaign page with a message)
    "campaigns:home": Entry(statuses("302 302 302 302 302 302 403")),
    "campaigns:detail": Entry(ORG_OBJECT, lambda s: {"year": 2570}),
    "campaigns:edit": Entry(ADMIN_OBJECT, lambda s: {"year": 2570}),
    "campaigns:count_add": Entry(
        ADMIN_OBJECT,
        lambda s: {"year": 2570},
        method="post",
        data={"instrument": "IIT", "counted_on": "2026-11-01", "count": "12"},
        redirect_ok=True,
    ),
    "campaigns:count_delete": Entry(
        ADMIN_OBJECT, lambda s: {"year": 2570, "pk": 999999}, method="post", redirect_ok=True
    ),
    "campaigns:stakeholders": Entry(ADMIN_OBJECT, lambda s: {"year": 2570}),
    # Without a file the form is refused: 400 for the admin, the check comes first.
    "campaigns:stakeholder_import": Entry(
        statuses("302 403 403 400 403 404 403"), lambda s: {"year": 2570}, method="post"
    ),
    "campaigns:stakeholder_delete": Entry(
        ADMIN_OBJECT, lambda s: {"year": 2570, "pk": 999999}, method="post", redirect_ok=True
    ),
    "campaigns:poster": Entry(ORG_OBJECT, lambda s: {"year": 2570}, redirect_ok=True),
    "campaigns:poster_pdf": Entry(ORG_OBJECT, lambda s: {"year": 2570}, redirect_ok=True),
    # the calendar; the feed's secret address is the key (s.feed_token is staff's)
    "deadlines:calendar": Entry(ORG_PAGE),
    "deadlines:deadline_add": Entry(
        ADMIN_PAGE,
        method="post",
        data={"title": "เสนอคำสั่ง", "kind": "order", "due_on": "2026-12-20"},
        redirect_ok=True,
    ),
    "deadlines:deadline_done": Entry(
        ADMIN_OBJECT, lambda s: {"pk": s.deadline.pk}, method="post", redirect_ok=True
    ),
    "deadlines:deadline_delete": Entry(
        ADMIN_OBJECT, lambda s: {"pk": s.deadline.pk}, method="post", redirect_ok=True
    ),
    "deadlines:feed": Entry(PUBLIC, lambda s: {"token": s.feed_token}),
    "deadlines:feed_create": Entry(ORG_PAGE, method="post", redirect_ok=True),
    "deadlines:feed_revoke": Entry(ORG_PAGE, method="post", redirect_ok=True),
    # notifications (s.notification is staff's own; opening it leads to its link)
    "notices:list": Entry(ORG_PAGE),
    "notices:open": Entry(
        statuses("302 200 404 404 404 404 403"),
        lambda s: {"pk": s.notification.pk},
        redirect_ok=True,
    ),
    "notices:mark_all_read": Entry(ORG_PAGE, method="post", redirect_ok=True),
    "notices:preferences": Entry(
        ORG_PAGE, method="post", data={"email": "digest", "address": ""}, redirect_ok=True
    ),
    "notices:rules": Entry(ADMIN_PAGE),
}


def _url_names(resolver=None, namespace=None):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace
            if ns == "admin":
                continue  # the Django admin checks is_staff itself (see test below)
            full = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from _url_names(pattern, full)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_every_url_name_is_in_the_matrix():
    missing = sorted(set(_url_names()) - set(MATRIX))
    assert not missing, f"URL names without an access expectation in the matrix: {missing}"


@pytest.fixture
def scenario(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    from itaportal.models import Organization, User

    call_command("loaddemo", verbosity=0)
    org = Organization.objects.get(slug="nongprung")
    other = Organization.objects.create(
        name="เทศบาลตำบลอื่น", short_name="ทต.อื่น", district="ชะอำ", province="เพชรบุรี", slug="other"
    )
    outsider = make_user("outsider", other, "admin", other.departments.create(name="สำนักปลัด"))
    operator = User.objects.create_superuser("operator", "op@example.com", "op-pass-2565-x")
    users = {u.username: u for u in User.objects.filter(organization=org)}
    s = SimpleNamespace(
        org=org,
        other=other,
        users={
            "anonymous": None,
            "staff": users["staff-office"],
            "staff_other": users["staff-finance"],
            "admin": users["analyst"],
            "executive": users["mayor"],
            "outsider": outsider,
            "operator": operator,
        },
    )
    s.staff = s.users["staff"]
    s.answer_version = lambda code: (
        OITAnswer.objects.get(organization=org, item__code=code, **{ANSWER_YEAR: 2565}).version
    )
    s.order = Order.objects.filter(organization=org).order_by("pk").first()
    approved = OITAnswer.objects.get(
        organization=org, item__code="O1", status="approved", **{ANSWER_YEAR: 2565}
    )
    s.oit_attachment = OITAnswerAttachment(
        answer=approved, original_name="o1.pdf", content_type="application/pdf", size=9
    )
    s.oit_attachment.file.save("o1.pdf", ContentFile(b"%PDF-1.4\n"))
    s.measure = (
        Measure.objects.filter(assessment__organization=org, departments=s.staff.department)
        .exclude(departments=s.users["staff_other"].department)
        .order_by("pk")
        .first()
    )
    report = MeasureReport.objects.create(
        measure=s.measure, year=2566, quarter=2, text="ผลการดำเนินงาน"
    )
    s.evidence = Evidence(report=report, original_name="หลักฐาน.pdf", size=9)
    s.evidence.file.save("evidence.pdf", ContentFile(b"%PDF-1.7\n"), save=True)
    s.memo = Memo.objects.filter(assessment__organization=org).order_by("pk").first()
    verdict = ItemVerdict.objects.create(
        organization=org, item=OITItem.objects.in_year(2565).get(code="O10"), preliminary_met=False
    )
    s.clarification = Clarification.objects.create(verdict=verdict, department=s.staff.department)
    s.clarification_file = ClarificationAttachment(
        clarification=s.clarification, original_name="c.pdf", content_type="application/pdf", size=9
    )
    s.clarification_file.file.save("c.pdf", ContentFile(b"%PDF-1.4\n"))
    s.notification = Notification.objects.create(user=s.staff, title="ทดสอบ", url="/")
    s.feed_token = CalendarFeed.objects.create(user=s.staff).token
    s.deadline = OrganizationDeadline.objects.filter(organization=org).order_by("pk").first()
    s.memo_version = lambda: Memo.objects.get(pk=s.memo.pk).version
    s.announcement = Announcement.objects.create(
        organization=org, kind="integrity", fiscal_year=2570, subject="เจตจำนงสุจริต",
        body="ข้อความ", signer_name="สนธยา คงสนิท",
    )  # fmt: skip
    if connection.vendor == "postgresql":
        # The demo was loaded inside this test's transaction, and the tables' statistics
        # are those of the empty test database: the planner then joined the OIT framework
        # tables by nested loops without index conditions, and one search took a minute.
        # On a real database autovacuum keeps the statistics current.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return s


@pytest.mark.parametrize("role", ROLES)
def test_url_matrix(client, scenario, role):
    failures = []
    for name, entry in MATRIX.items():
        client.logout()
        user = scenario.users[role]
        if user is not None:
            client.force_login(user)
        kwargs = entry.kwargs(scenario) if entry.kwargs else {}
        url = reverse(name, kwargs=kwargs)
        data = entry.data(scenario) if callable(entry.data) else entry.data
        response = getattr(client, entry.method)(url, data)
        expected = entry.expected[role]
        got = response.status_code
        if entry.redirect_ok and expected == 200 and got in (200, 302):
            continue
        if got != expected:
            failures.append(
                f"{name} ({entry.method.upper()} {url}): expected {expected}, got {got}"
            )
    assert not failures, f"as {role}:\n" + "\n".join(failures)


def test_the_django_admin_is_for_the_operator_only(client, scenario):
    for role, user in scenario.users.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        status = client.get("/admin/").status_code
        assert status == (200 if role == "operator" else 302), role
