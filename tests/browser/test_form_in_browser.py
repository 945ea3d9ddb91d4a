"""Lesson 07 in a browser: the sign-up form as a person fills it in, through the browser's own
form validation (``required``, ``type="email"``) and the server's."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page, Response

pytestmark = pytest.mark.slow

SCRIPT_NAME = "<script>window.pwned = 1</script>"


def subscribe(page: Page, name: str, email: str) -> Response:
    """Type into the form and press the button, as a person would; the answer to the POST."""
    page.get_by_label("Name").fill(name)
    page.get_by_label("Email").fill(email)
    with page.expect_response(lambda answer: answer.request.method == "POST") as posted:
        page.get_by_role("button", name="Subscribe").click()
    page.wait_for_load_state()
    return posted.value


def test_an_invalid_form_comes_back_with_errors_and_what_was_typed(
        serve, open_page, expect, screenshot) -> None:
    url = serve("07", solution=True)
    page = open_page(url)
    # One letter and a domain without a dot: the browser's own checks let both through.
    answer = subscribe(page, "A", "ada@example")
    assert answer.status == 422
    expect(page.get_by_label("Name")).to_have_value("A")
    expect(page.get_by_label("Email")).to_have_value("ada@example")
    expect(page.get_by_text("Name must be at least 2 characters.")).to_be_visible()
    expect(page.get_by_text("Enter a valid email address")).to_be_visible()
    screenshot(page, "07-reference-invalid")


def test_a_valid_form_reaches_the_thanks_page_and_script_stays_text(
        serve, open_page, expect, screenshot) -> None:
    url = serve("07", solution=True)
    page = open_page(url)
    subscribe(page, "Ada Lovelace", "ada@example.com")
    expect(page.get_by_role("heading")).to_have_text("Thanks, Ada Lovelace!")
    screenshot(page, "07-reference-thanks")

    page.goto(url)
    subscribe(page, SCRIPT_NAME, "eve@example.com")
    expect(page.get_by_role("heading")).to_have_text(f"Thanks, {SCRIPT_NAME}!")
    page.get_by_role("link", name="Subscribers").first.click()
    expect(page.get_by_role("listitem")).to_have_text(
        ["Ada Lovelace <ada@example.com>", f"{SCRIPT_NAME} <eve@example.com>"])
    assert page.evaluate("typeof window.pwned") == "undefined"
    screenshot(page, "07-reference-subscribers")


def test_the_starters_form_answers_not_written_yet(serve, open_page, expect, screenshot) -> None:
    """The starter shows the form, but POST /subscribe is a TODO: no errors beside the fields,
    nothing of what was typed kept, only a 501 that says so."""
    url = serve("07", solution=False)
    page = open_page(url)
    answer = subscribe(page, "A", "ada@example")
    assert answer.status == 501
    expect(page.get_by_text("POST /subscribe is not written yet")).to_be_visible()
    expect(page.get_by_label("Name")).to_have_count(0)
    screenshot(page, "07-starter-invalid")
