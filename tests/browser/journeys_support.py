"""What the journeys in test_journeys.py do with a browser, in a user's words.

Each helper is one thing a person does or notices: sign in on a phone or a desk, take a
picture of the screen for a human reviewer, press a print button and keep the PDF,
and check that a page fits a phone's width.
"""

import re
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote, urljoin

from django.conf import settings
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.browser.conftest import DESKTOP, log_in

SCREENSHOTS = Path("/tmp/journeys")


class Printed(NamedTuple):
    filename: str
    content_type: str
    content: bytes


def sign_in(new_page, live_server, username, viewport=DESKTOP):
    """A demo user opens the portal in a fresh browser and logs in; lands on the home page."""
    page = new_page(viewport=viewport)
    log_in(page, live_server, username, settings.DEMO_PASSWORD)
    return page


def screenshot(page, name):
    """Keep what the user sees for a human to look at (/tmp/journeys/<name>.png)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def go_to(page, link_name, url_pattern):
    """Follow the link a user reads as `link_name` and wait for the page behind it."""
    page.get_by_role("link", name=link_name).first.click()
    page.wait_for_url(url_pattern)


def print_pdf(page, button_name):
    """Press a print button ("… (PDF)") and receive the document.

    The portal serves documents inline: Chromium opens them in its PDF viewer (an older
    headless Chromium downloads them instead; both are fine). The viewer keeps the
    bytes to itself, so the document is then fetched from the same address with the
    user's cookies. The user is taken back to the page the button was on.
    Returns a Printed (filename the user saves it under, content type, bytes)."""
    here = page.url
    button = page.get_by_role("link", name=button_name)
    url = urljoin(here, button.get_attribute("href"))
    with page.expect_response(url) as opened:
        button.click()
    response = opened.value
    assert response.ok, f"{button_name}: {response.status} {response.status_text}"
    try:
        page.wait_for_url(url, timeout=5_000)
    except PlaywrightTimeoutError:
        pass  # downloaded rather than shown: the page did not move
    fetched = page.request.get(url)
    assert fetched.ok, f"{url}: {fetched.status}"
    headers = response.all_headers()
    if page.url != here:
        page.goto(here)
    return Printed(
        filename=_filename(headers.get("content-disposition", "")),
        content_type=headers.get("content-type", ""),
        content=fetched.body(),
    )


def _filename(disposition):
    """The name a browser saves the file under: RFC 6266's UTF-8 name if there is one."""
    match = re.search(r"filename\*=UTF-8''([^;]+)", disposition)
    if match:
        return unquote(match.group(1))
    match = re.search(r'filename="([^"]*)"', disposition)
    return match.group(1) if match else ""


def horizontal_overflow(page):
    """How many CSS pixels the page is wider than the window (0 when it fits)."""
    return page.evaluate(
        "() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth)"
    )


def count_in(text, pattern=r"(\d+)"):
    """The first number in a piece of text a user reads ("อนุมัติข้อที่เลือก (2)" -> 2)."""
    match = re.search(pattern, text)
    return int(match.group(1)) if match else None
