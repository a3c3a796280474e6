"""What the journeys in test_journeys.py do with a browser, in a user's words.

Each helper is one thing a person does or notices: sign in on a phone or a desk, take a
picture of the screen for a human reviewer, press a print button and keep the PDF,
and check that a page fits a phone's width.
"""

import re
import time
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote, urljoin

from django.conf import settings

from tests.browser.conftest import DESKTOP, log_in, open_phone_menu

SCREENSHOTS = Path("/tmp/journeys")
# WeasyPrint takes seconds on a busy CI machine; a document may take this long (ms).
PRINT_TIMEOUT = 60_000


class Printed(NamedTuple):
    filename: str  # as the browser would save it
    how: str  # "viewer" (shown in Chromium's PDF viewer) or "download"
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


def open_menu(page, item, url_pattern):
    """Choose an item of the main menu; on a phone, open the menu (☰ เมนู) first."""
    open_phone_menu(page)
    page.locator("#mainnav").get_by_role("link", name=item, exact=True).click()
    page.wait_for_url(url_pattern)


def keep(printed, name):
    """Keep a received document beside the screenshots, for a human to read."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / name).write_bytes(printed.content)


def go_to(page, link_name, url_pattern):
    """Follow the link a user reads as `link_name` and wait for the page behind it."""
    page.get_by_role("link", name=link_name, exact=True).first.click()
    page.wait_for_url(url_pattern)


def print_pdf(page, button_name):
    """Press a print button ("… (PDF)") and receive the document.

    The portal serves documents inline. Chromium either shows them in its PDF viewer or,
    when it has no viewer at hand (it varies between runs of a headless Chromium),
    downloads them; either is what a user gets, so both are accepted. A download's bytes
    are the file itself; the viewer keeps its bytes to itself, so then the document is
    fetched again from the same address with the user's cookies. The user is then taken
    back to the page the button was on.
    Returns a Printed (the filename it is saved under, how it arrived, the bytes)."""
    here = page.url
    button = page.get_by_role("link", name=button_name, exact=True)
    url = urljoin(here, button.get_attribute("href"))
    arrived = {}

    def on_download(download):
        arrived.setdefault("download", download)

    def on_response(response):
        if response.url == url and response.request.is_navigation_request():
            arrived.setdefault("viewer", response)

    page.on("download", on_download)
    page.on("response", on_response)
    try:
        button.click()
        deadline = time.monotonic() + PRINT_TIMEOUT / 1000
        while not arrived and time.monotonic() < deadline:
            page.wait_for_timeout(100)  # let Playwright deliver the browser's events
    finally:
        page.remove_listener("download", on_download)
        page.remove_listener("response", on_response)
    assert arrived, f"{button_name}: the browser neither showed nor downloaded {url}"

    if "download" in arrived:
        download = arrived["download"]
        assert download.failure() is None, f"{button_name}: {download.failure()}"
        return Printed(download.suggested_filename, "download", Path(download.path()).read_bytes())

    response = arrived["viewer"]
    assert response.ok, f"{button_name}: {response.status} {response.status_text}"
    assert response.all_headers()["content-type"] == "application/pdf"
    filename = _filename(response.all_headers().get("content-disposition", ""))
    fetched = page.request.get(url, timeout=PRINT_TIMEOUT)
    assert fetched.ok, f"{url}: {fetched.status}"
    page.goto(here)
    return Printed(filename, "viewer", fetched.body())


def _filename(disposition):
    """The name a browser saves the file under: RFC 6266's UTF-8 name if there is one."""
    match = re.search(r"filename\*=UTF-8''([^;]+)", disposition, re.IGNORECASE)
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
