"""What arrives is what was sent: an upload interrupted half-way saves nothing, and
control characters pasted from Word never reach the records."""

import io

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse

from measures.models import Evidence, MeasureReport
from tests.measures import factories

CSRF = "a" * 32


@pytest.fixture(autouse=True)
def keep_the_connection():
    """The real WSGI handler closes the database connection when a request ends; the test
    client does not, and neither may this test's handler at its start or end (its transaction is the test's)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def measure(org, office, finance):
    depts = factories.departments(org)
    return factories.seed_measures(org)[6] if depts else None


def wsgi_post(client, user, path, body, content_length):
    """POST `body` to `path` through the real WSGI handler, declaring `content_length`
    bytes: a client that stops sending early, as a dropped connection does."""
    client.force_login(user)
    session = client.cookies["sessionid"].value
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": path,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": io.StringIO(),
        "CONTENT_TYPE": MULTIPART_CONTENT,
        "CONTENT_LENGTH": str(content_length),
        "HTTP_COOKIE": f"sessionid={session}; csrftoken={CSRF}",
    }
    status = []
    chunks = WSGIHandler()(environ, lambda s, headers: status.append(s))
    b"".join(chunks)
    return int(status[0].split()[0])


def report_body(measure, text="ผลการดำเนินงาน"):
    from measures.forms import default_quarter

    fields = {
        "csrfmiddlewaretoken": CSRF,
        "quarter": str(default_quarter(measure)),
        "text": text,
        "links": "",
        "version": "",
    }
    pdf = io.BytesIO(b"%PDF-1.4\n" + b"x" * 20_000 + b"\n%%EOF\n")
    pdf.name = "evidence.pdf"
    return encode_multipart(BOUNDARY, {**fields, "files": pdf})


def test_an_upload_cut_off_half_way_saves_no_report_and_no_file(client, analyst, measure, media):
    body = report_body(measure)
    path = reverse("measures:report_add", kwargs={"pk": measure.pk})
    status = wsgi_post(client, analyst, path, body[: len(body) // 2], len(body))
    assert status == 400
    assert not MeasureReport.objects.filter(measure=measure).exists()
    assert not Evidence.objects.exists()
    assert not [p for p in media.rglob("*") if p.is_file()]


def test_a_whole_upload_through_the_same_path_is_saved(client, analyst, measure):
    body = report_body(measure)
    path = reverse("measures:report_add", kwargs={"pk": measure.pk})
    assert wsgi_post(client, analyst, path, body, len(body)) == 302
    assert MeasureReport.objects.filter(measure=measure).count() == 1
    assert Evidence.objects.count() == 1


def test_a_body_that_lost_its_closing_boundary_is_refused(client, analyst, measure):
    body = report_body(measure)
    cut = body[: body.rindex(b"--" + BOUNDARY.encode())]
    path = reverse("measures:report_add", kwargs={"pk": measure.pk})
    assert wsgi_post(client, analyst, path, cut, len(cut)) == 400
    assert not MeasureReport.objects.exists()


def test_control_characters_pasted_from_word_are_cleaned_before_saving(login, analyst, measure):
    from measures.forms import default_quarter

    response = login(analyst).post(
        reverse("measures:report_add", kwargs={"pk": measure.pk}),
        {
            "quarter": str(default_quarter(measure)),
            "text": "บรรทัดแรก\x0bบรรทัดสอง\x07\x1b",
            "links": "",
            "version": "",
        },
    )
    assert response.status_code == 302
    assert MeasureReport.objects.get(measure=measure).text == "บรรทัดแรก\nบรรทัดสอง"


def test_an_ordinary_form_through_the_real_handler_is_read_whole(analyst, db):
    """A urlencoded form (the login page's) read through the WSGI handler: Django reads the
    whole body and closes the stream, which the byte-counting wrapper must allow."""
    from tests.conftest import PASSWORD

    body = f"username={analyst.username}&password={PASSWORD}".encode()
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": reverse("login"),
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": io.StringIO(),
        "CONTENT_TYPE": "application/x-www-form-urlencoded",
        "CONTENT_LENGTH": str(len(body)),
    }
    status = []
    b"".join(WSGIHandler()(environ, lambda s, headers: status.append(s)))
    # No CSRF cookie was sent, so the form is refused politely: never a server error.
    assert int(status[0].split()[0]) == 403
