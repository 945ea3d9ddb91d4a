"""Lesson 17 in a browser: the Content-Security-Policy stops a script that slipped into the
page, the browser reports the violation, and the page still works.

The script is put into the profile page on its way to the browser, as an XSS hole would put
it there: the response keeps the headers the app sent, CSP included.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page, Route

pytestmark = pytest.mark.slow

INJECTED = ("<script>window.injected = true; "
            "document.querySelector('h1').textContent = 'An injected script ran here'</script>")
"""Where it runs, it says so on the page (the screenshots show it) and leaves a mark."""
RECORD_VIOLATIONS = """
window.violations = [];
document.addEventListener("securitypolicyviolation",
    (event) => window.violations.push(`${event.effectiveDirective} ${event.blockedURI}`));
"""


def inject_script(route: Route) -> None:
    if route.request.resource_type != "document":
        route.fallback()
        return
    answer = route.fetch()
    route.fulfill(response=answer, body=answer.text().replace("</main>", f"{INJECTED}</main>"))


def profile_with_injected_script(open_page, url: str, console: list[str]) -> Page:
    page = open_page("about:blank", console=console)
    page.add_init_script(RECORD_VIOLATIONS)
    page.route(f"{url}/profile", inject_script)
    page.goto(f"{url}/profile")
    assert INJECTED in page.content(), "the script is in the page the browser got"
    return page


def test_the_csp_blocks_an_injected_script_and_the_page_still_works(
        serve, open_page, expect, screenshot) -> None:
    url = serve("17", solution=True)
    console: list[str] = []
    page = profile_with_injected_script(open_page, url, console)
    assert page.evaluate("typeof window.injected") == "undefined"
    assert page.evaluate("window.violations") == ["script-src-elem inline"]
    assert any("inline script" in line and "Content Security Policy" in line
               for line in console), console

    # The stylesheet from static/ is allowed ('self') and applied, and the form still posts
    # (with its CSRF token) and changes the name.
    assert page.evaluate("getComputedStyle(document.querySelector('label')).display") == "block"
    page.get_by_label("Display name").fill("Grace")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading")).to_have_text("Hello, Grace")
    assert page.evaluate("typeof window.injected") == "undefined"
    assert page.evaluate("window.violations") == ["script-src-elem inline"]
    screenshot(page, "17-reference-profile")


def test_without_a_csp_the_starter_runs_the_injected_script(serve, open_page, screenshot) -> None:
    """The starter sends no security headers (TODO 1): the same script runs, and nothing is
    reported."""
    url = serve("17", solution=False)
    console: list[str] = []
    page = profile_with_injected_script(open_page, url, console)
    assert page.evaluate("window.injected") is True
    assert page.get_by_role("heading").text_content() == "An injected script ran here"
    assert page.evaluate("window.violations") == []
    assert not any("Content Security Policy" in line for line in console), console
    screenshot(page, "17-starter-profile")
