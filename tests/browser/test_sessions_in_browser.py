"""Lesson 15 in a browser: log in with the demo user, see the welcome once, log out, and be
kept out again; the session cookie lives in the browser, never in reach of its scripts."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page, Response

pytestmark = pytest.mark.slow

USER, PASSWORD = "ada", "correct horse battery staple"
"""The demo user of the lesson's defaults, the one ``flaskcourse serve`` logs in with."""


def log_in(page: Page, username: str, password: str) -> Response:
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    with page.expect_response(lambda answer: answer.request.method == "POST") as posted:
        page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
    return posted.value


def test_log_in_see_the_welcome_once_and_log_out(serve, open_page, expect, screenshot) -> None:
    url = serve("15", solution=True)
    page = open_page(f"{url}/dashboard")
    expect(page).to_have_url(re.compile(r"/login\?next=(/|%2F)dashboard$"))

    refused = log_in(page, USER, "guess")
    assert refused.status == 401
    expect(page.get_by_role("alert")).to_have_text("Invalid username or password.")

    log_in(page, USER, PASSWORD)
    expect(page).to_have_url(f"{url}/dashboard")
    expect(page.get_by_text(f"Welcome, {USER}")).to_have_count(1)
    expect(page.get_by_text(f"You are logged in as {USER}.")).to_be_visible()
    assert "session=" not in page.evaluate("document.cookie"), "the session cookie is HttpOnly"
    screenshot(page, "15-reference-welcome")

    page.reload()
    expect(page.get_by_text(f"You are logged in as {USER}.")).to_be_visible()
    expect(page.get_by_text(f"Welcome, {USER}")).to_have_count(0)
    screenshot(page, "15-reference-reloaded")

    page.get_by_role("button", name="Log out").click()
    expect(page).to_have_url(f"{url}/login")
    expect(page.get_by_text("You have been logged out.")).to_be_visible()
    screenshot(page, "15-reference-logged-out")
    page.goto(f"{url}/dashboard")
    expect(page).to_have_url(re.compile(r"/login\?next="))
    expect(page.get_by_text("You have been logged out.")).to_have_count(0)
    assert not [c for c in page.context.cookies() if c["name"] == "session"], \
        "the session is gone once its last flash was shown"


def test_the_starter_logs_nobody_in(serve, open_page, expect, screenshot) -> None:
    """The starter shows the login form, but POST /login is a TODO: the right password gets
    a 501 that says so, and no welcome."""
    url = serve("15", solution=False)
    page = open_page(f"{url}/login")
    answer = log_in(page, USER, PASSWORD)
    assert answer.status == 501
    expect(page.get_by_text("POST /login is not written yet")).to_be_visible()
    expect(page.get_by_text("Welcome")).to_have_count(0)
    screenshot(page, "15-starter-login")
