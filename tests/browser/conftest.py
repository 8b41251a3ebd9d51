"""Playwright for Python driving Debian's Chromium (no browser download) against pytest-django's live server."""

import os
import shutil

import pytest
from playwright.sync_api import sync_playwright

from tests.factories import TEST_PASSWORD

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    executable = shutil.which("chromium")
    if executable is None:
        raise RuntimeError("Debian's chromium is missing: `make test` installs it")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, csp_violations):
    """A fresh browser tab; whatever the test does in it, the Content-Security-Policy must refuse nothing."""
    context = browser.new_context(base_url=live_server.url, locale="zh-CN", timezone_id="Asia/Shanghai")
    context.set_default_timeout(15_000)
    page = context.new_page()

    def note_refusal(message):
        if "Content Security Policy" in message.text:
            csp_violations.append(message.text)

    page.on("console", note_refusal)
    yield page
    context.close()
    assert not csp_violations, f"the Content-Security-Policy refused: {csp_violations}"


@pytest.fixture
def csp_violations() -> list[str]:
    """What Chromium reported the Content-Security-Policy refused (an inline script or style, eval …) in the tab."""
    return []


@pytest.fixture
def sign_in(page):
    def signed_in(username: str, password: str = TEST_PASSWORD):
        page.goto("/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        page.click("#login-form button[type=submit]")
        page.wait_for_url(lambda url: "/login/" not in url)
        return page

    return signed_in
