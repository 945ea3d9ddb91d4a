"""Lesson 06 in a browser: people in separate tabs chat through the reference, and the
starter's tabs never hear each other.

The page loads its Socket.IO client from the CDN. Here the very file is served in its place
(the npm registry's package of the same version), and the page's ``integrity`` attribute makes
the browser prove that it is the same file byte for byte.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

pytestmark = pytest.mark.slow

NAME_AS_HTML = "<img src=x onerror=pwned=1>"
"""A name that would run its ``onerror`` script in every tab that put it in with innerHTML."""


def join(open_page: Callable[..., Page], expect: Callable[..., object], url: str, name: str,
         **page_options: object) -> Page:
    """A new tab at ``url`` that joins as ``name``: the join form gives way to the message form
    (the starter's page does that much too)."""
    page = open_page(url, **page_options)
    expect(page.locator("#message-form")).to_be_hidden()
    page.fill("#username", name)
    page.click("#join-form button")
    expect(page.locator("#join-form")).to_be_hidden()
    expect(page.locator("#message-form")).to_be_visible()
    return page


def say(page: Page, text: str) -> None:
    page.fill("#message", text)
    page.press("#message", "Enter")


def lines(page: Page, text: str) -> Locator:
    """The chat log's lines that hold ``text``."""
    return page.locator("#log li", has_text=text)


def test_two_tabs_chat_through_the_reference(serve, open_page, expect, socketio_client,
                                             screenshot) -> None:
    url = serve("06", solution=True)
    cdn = dict([socketio_client])
    ada = join(open_page, expect, url, "ada", remote=cdn)
    expect(lines(ada, "ada joined")).to_have_count(1)
    grace = join(open_page, expect, url, "grace", remote=cdn)
    expect(lines(grace, "grace joined")).to_have_count(1)
    expect(lines(ada, "grace joined")).to_have_count(1)

    say(ada, "hello grace")
    heard = lines(grace, "hello grace")
    expect(heard).to_have_count(1)
    expect(heard.locator(".who")).to_have_text("ada")
    # Grace answers only once she has Ada's message, and one connection delivers in order: by
    # the time the answer reaches Ada, an echo of her own message would have reached her too.
    say(grace, "hi ada")
    expect(lines(ada, "hi ada")).to_have_count(1)
    expect(lines(ada, "hello grace")).to_have_count(1)
    expect(lines(ada, "hello grace")).to_have_class("mine")

    mallory = join(open_page, expect, url, NAME_AS_HTML, remote=cdn)
    say(mallory, "look at my name")
    signed = lines(ada, "look at my name").locator(".who")
    expect(signed).to_have_text(NAME_AS_HTML)
    expect(lines(ada, f"{NAME_AS_HTML} joined")).to_have_count(1)
    expect(ada.locator("#log img")).to_have_count(0)
    assert ada.evaluate("typeof window.pwned") == "undefined"
    screenshot(grace, "06-reference-grace")

    grace.close()
    expect(lines(ada, "grace left")).to_have_count(1)
    expect(lines(mallory, "grace left")).to_have_count(1)
    screenshot(ada, "06-reference-ada")


def test_the_integrity_hash_refuses_a_client_that_is_not_the_same_file(
        serve, open_page, socketio_client, screenshot) -> None:
    """The proof above is only as good as the browser's check: a changed file is refused."""
    url = serve("06", solution=True)
    cdn, client = socketio_client
    console: list[str] = []
    page = open_page(url, remote={cdn: client + b"\n"}, console=console)
    assert page.evaluate("typeof io") == "undefined"
    said = "\n".join(console)
    assert "integrity" in said and "blocked" in said, said
    assert "io is not defined" in said, said
    screenshot(page, "06-reference-tampered-client")


def test_the_starters_tabs_never_hear_each_other(serve, open_page, expect, screenshot) -> None:
    """The starter lays the page out but loads no Socket.IO client and handles no event: a
    join is never confirmed, and a message never reaches the other tab."""
    url = serve("06", solution=False)
    ada = join(open_page, expect, url, "ada")
    grace = join(open_page, expect, url, "grace")
    say(ada, "hello grace")
    expect(ada.locator("#message")).to_have_value("")
    for page in (ada, grace):
        page.wait_for_load_state("networkidle")
        assert page.evaluate("typeof io") == "undefined"
        expect(lines(page, "joined")).to_have_count(0)
    expect(grace.locator("#log")).to_have_text("")
    screenshot(ada, "06-starter-ada")
    screenshot(grace, "06-starter-grace")


def test_the_journey_catches_a_page_that_shows_names_as_html(serve, open_page, expect,
                                                             socketio_client, screenshot) -> None:
    """The known-wrong variant ``inner-html``: the same steps, and the name runs its script."""
    url = serve("06", variant="inner-html")
    cdn = dict([socketio_client])
    ada = join(open_page, expect, url, "ada", remote=cdn)
    join(open_page, expect, url, NAME_AS_HTML, remote=cdn)
    ada.wait_for_function("window.pwned === 1")
    expect(ada.locator("#log img")).not_to_have_count(0)
    screenshot(ada, "06-variant-inner-html-ada")


def test_the_journey_catches_a_server_that_echoes_the_sender(serve, open_page, expect,
                                                            socketio_client, screenshot) -> None:
    """The known-wrong variant ``echoes-to-sender``: the same steps, and Ada sees her message
    twice."""
    url = serve("06", variant="echoes-to-sender")
    cdn = dict([socketio_client])
    ada = join(open_page, expect, url, "ada", remote=cdn)
    grace = join(open_page, expect, url, "grace", remote=cdn)
    expect(lines(ada, "grace joined")).to_have_count(1)
    say(ada, "hello grace")
    expect(lines(grace, "hello grace")).to_have_count(1)
    expect(lines(ada, "hello grace")).to_have_count(2)
    screenshot(ada, "06-variant-echoes-to-sender-ada")
