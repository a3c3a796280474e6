"""Playwright with the system Chromium, against pytest-django's live server.

Browser tests are marked `browser`. Without /usr/bin/chromium they are skipped with a
reason, except in CI (CI=true), where a missing browser is a failure.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
# As root on a closed network: no sandbox, and no background calls that would be refused.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

# Playwright's sync API runs an event loop; Django's ORM must be allowed beside it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {CHROMIUM} is missing (apt-get install chromium)")
        pytest.skip(f"{CHROMIUM} is missing: browser tests need Debian's chromium package")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


FAILURE_SHOTS = Path("test-artifacts/failures")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.browser_call_failed = report.failed
    return report


@pytest.fixture
def new_page(request, chromium, live_server):
    """new_page(viewport=PHONE) -> a page in a fresh browser context (its own cookies).

    When the test fails, every page it opened is kept as a screenshot in
    test-artifacts/failures/ so that a failure seen only in CI can be looked at."""
    contexts = []

    def _new_page(viewport=DESKTOP):
        context = chromium.new_context(viewport=viewport, locale="th-TH", accept_downloads=True)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield _new_page
    if getattr(request.node, "browser_call_failed", False):
        FAILURE_SHOTS.mkdir(parents=True, exist_ok=True)
        for c, context in enumerate(contexts):
            for p, page in enumerate(context.pages):
                name = f"{request.node.name[:80]}-{c}-{p}.png"
                try:
                    page.screenshot(path=str(FAILURE_SHOTS / name), full_page=True)
                except Exception as error:  # a crashed page must not hide the failure
                    print(f"no screenshot of {page.url}: {error}")
                else:
                    print(f"screenshot of {page.url}: {FAILURE_SHOTS / name}")
    for context in contexts:
        context.close()


def open_phone_menu(page):
    """On a phone, open the folded main menu (☰ เมนู) and wait until it has finished
    sliding open: a click during Bootstrap's collapse animation can land on what the
    moving menu uncovers instead of the link the test meant. On a desk, do nothing."""
    toggler = page.get_by_role("button", name="เมนู")
    if not toggler.is_visible():
        return
    if toggler.get_attribute("aria-expanded") != "true":
        toggler.click()
    page.locator("#mainnav.show:not(.collapsing)").wait_for()


def log_in(page, live_server, username, password):
    page.goto(f"{live_server.url}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
