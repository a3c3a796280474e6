"""Personas shared by every test: two organizations, their people, and the operator.

`org` is อบต.ทดสอบ with departments office/finance; `other_org` is a second organization
whose user must never see `org`'s data.
"""

import io
import os

import pytest

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

PASSWORD = "test-pass-2565"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Uploads of every test go to its own temporary folder, never into the repository."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty cache: ids are reused between tests' databases."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def fresh_structures():
    """Each test loads framework structures from its own database, never from a kept one."""
    from assessments.structure import forget
    from deadlines.selectors import _kept_milestones

    forget()
    _kept_milestones.clear()
    yield
    forget()
    _kept_milestones.clear()


@pytest.fixture
def round_trips(monkeypatch, caplog):
    """`round_trips(request)`: how many round trips to PostgreSQL `request()` made (each
    statement sent alone, and each pipeline of several: itaportal.prepared), or None on
    another database. On every database, a read said ahead and never called fails the
    test."""
    import logging

    import psycopg
    from django.db import connection

    caplog.set_level(logging.DEBUG, logger="itaportal.prepared")
    trips = []
    pipeline = psycopg.Connection.pipeline

    def counted_pipeline(self, *args, **kwargs):
        trips.append("pipeline")
        return pipeline(self, *args, **kwargs)

    def note(execute, sql, params, many, context):
        if connection.vendor == "postgresql":
            if connection.connection.pgconn.pipeline_status == psycopg.pq.PipelineStatus.OFF:
                trips.append(sql)
        return execute(sql, params, many, context)

    def count(request):
        trips.clear()
        with connection.execute_wrapper(note):
            request()
        return len(trips) if connection.vendor == "postgresql" else None

    monkeypatch.setattr(psycopg.Connection, "pipeline", counted_pipeline)
    yield count
    assert "never called" not in caplog.text


@pytest.fixture
def org(db):
    from itaportal.models import Organization

    return Organization.objects.create(
        name="องค์การบริหารส่วนตำบลทดสอบ",
        short_name="อบต.ทดสอบ",
        district="เมือง",
        province="เพชรบุรี",
        slug="thotsop",
        memo_prefix="พบ ๗๐๐๐๑",
        website="https://www.thotsop.go.th/",
        website_domains="thotsop.go.th",
    )


@pytest.fixture
def other_org(db):
    from itaportal.models import Organization

    return Organization.objects.create(
        name="เทศบาลตำบลอื่น", short_name="ทต.อื่น", district="ชะอำ", province="เพชรบุรี", slug="other"
    )


@pytest.fixture
def office(org):
    return org.departments.create(name="สำนักปลัด", head_title="หัวหน้าสำนักปลัด", order=1)


@pytest.fixture
def finance(org):
    return org.departments.create(name="กองคลัง", head_title="ผู้อำนวยการกองคลัง", order=2)


def make_user(username, org, role, department=None, **extra):
    from itaportal.models import User

    user = User(
        username=username,
        organization=org,
        department=department,
        role=role,
        first_name=extra.pop("first_name", username),
        last_name=extra.pop("last_name", "ทดสอบ"),
        **extra,
    )
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def analyst(org, office):
    return make_user(
        "analyst",
        org,
        "admin",
        office,
        name_prefix="นางสาว",
        position_title="นักวิเคราะห์นโยบายและแผน",
    )


@pytest.fixture
def mayor(org):
    return make_user(
        "mayor", org, "executive", name_prefix="นาย", position_title="นายกองค์การบริหารส่วนตำบลทดสอบ"
    )


@pytest.fixture
def staff_office(org, office):
    return make_user("staff-office", org, "staff", office)


@pytest.fixture
def staff_finance(org, finance):
    return make_user("staff-finance", org, "staff", finance)


@pytest.fixture
def outsider(other_org):
    dept = other_org.departments.create(name="สำนักปลัด")
    return make_user("outsider", other_org, "admin", dept)


@pytest.fixture
def operator(db):
    from itaportal.models import User

    return User.objects.create_superuser("operator", "op@example.com", PASSWORD)


@pytest.fixture
def login(client):
    """login(user) -> the test client, logged in as that user."""

    def _login(user):
        client.force_login(user)
        return client

    return _login


def png_bytes(size=(60, 60), color=(200, 30, 30)):
    """A small PNG made on the spot (tests never ship a real emblem)."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def emblem_png():
    return png_bytes()


def assert_served_as_upload(response, disposition):
    """The headers `itaportal.attachments.serve_file` puts on every stored file it returns:
    `disposition` is "inline" (PDF, images) or "attachment" (everything else)."""
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    policy = [d.strip() for d in response["Content-Security-Policy"].split(";")]
    assert policy[0] == "sandbox" and "default-src 'none'" in policy
    assert response["Content-Disposition"].split(";")[0] == disposition
    assert "private" in response["Cache-Control"]


def sent_form_data(html, selector):
    """What a browser sends back from the form `selector` of `html` when the user changes
    nothing: the one leading newline of a textarea dropped, the selected options (the first
    one of a single select when none is), checked boxes only; a <template>'s fields are
    not part of the form."""
    from bs4 import BeautifulSoup

    form = BeautifulSoup(html, "html.parser").select_one(selector)
    for template in form.find_all("template"):
        template.decompose()
    data = {}

    def add(name, value, many=False):
        if many or name in data:
            current = data.get(name, [])
            data[name] = (current if isinstance(current, list) else [current]) + [value]
        else:
            data[name] = value

    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.get("type") == "submit":
            continue
        if field.name == "textarea":
            add(name, field.text.removeprefix("\n"))
        elif field.name == "select":
            options = field.find_all("option")
            chosen = [o.get("value", o.text) for o in options if o.has_attr("selected")]
            if field.has_attr("multiple"):
                data[name] = chosen
            else:
                add(name, chosen[0] if chosen else (options[0].get("value", "") if options else ""))
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                add(name, field.get("value", "on"))
        else:
            add(name, field.get("value", ""))
    return data


@pytest.fixture
def run_tasks(db, monkeypatch):
    """Run every queued background task now, as a `db_worker` would, and return when done.
    The worker closes its database connections between tasks; inside a test that would
    close the test's own transaction (PostgreSQL), so here closing is left to the test."""
    from django.core.management import call_command
    from django.db import connections
    from django.db.backends.base.base import BaseDatabaseWrapper

    monkeypatch.setattr(BaseDatabaseWrapper, "close", lambda self: None)
    monkeypatch.setattr(BaseDatabaseWrapper, "close_if_unusable_or_obsolete", lambda self: None)
    monkeypatch.setattr(type(connections), "close_all", lambda self: None)

    def run():
        call_command(
            "db_worker",
            "--batch",
            "--queue-name",
            "*",
            "--no-startup-delay",
            "--no-reload",
            "--interval",
            "0",
        )

    return run
