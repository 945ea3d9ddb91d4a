"""Lesson 04: what create_app does when the config names neither NOTIFIER nor NOTIFY_DELAY.

`flaskcourse serve` and `flask run` build the app with no config at all, so both keys need a
default of the app's own. This module's app_config leaves both out.
"""

import io
import time
from contextlib import redirect_stdout

import pytest

from flaskcourse.checking import expect, fail, show_json

TITLE = "Water the plants"
EMAIL = "gardener@example.com"


@pytest.fixture
def app_config():
    return {}


def test_defaults_are_a_two_second_delay_and_a_notifier(app):
    """without NOTIFY_DELAY and NOTIFIER in the config, the app defaults to 2.0 s and a notifier"""
    delay = app.config.get("NOTIFY_DELAY")
    notifier = app.config.get("NOTIFIER")
    if isinstance(delay, bool) or not isinstance(delay, (int, float)) or delay != 2.0 \
            or not callable(notifier):
        fail("app.config[\"NOTIFY_DELAY\"] == 2.0 and a callable app.config[\"NOTIFIER\"]",
             f"NOTIFY_DELAY = {show_json(delay)}, NOTIFIER = {notifier!r}",
             request="create_app({...}) with a config that has neither NOTIFY_DELAY nor NOTIFIER",
             help="Keep the starter's DEFAULTS ({\"NOTIFY_DELAY\": 2.0, \"NOTIFIER\": "
                  "print_notification}) and load them before the config: "
                  "app.config.from_mapping(DEFAULTS), then the caller's config.")


def test_default_notifier_prints_a_line(make_app):
    """the default notifier, print_notification, prints a line about the completed task"""
    app = make_app(NOTIFY_DELAY=0.0)
    client = app.test_client()
    printed = io.StringIO()
    with redirect_stdout(printed):
        created = client.post("/tasks", json={"title": TITLE, "user_email": EMAIL})
        task = expect(created).status(201).json_object()
        done = client.post(f"/tasks/{task.get('id')}/complete")
        expect(done, after=[created]).status(200)
        deadline = time.monotonic() + 1.0
        while TITLE not in printed.getvalue() and time.monotonic() < deadline:
            time.sleep(0.01)
    expect(done, after=[created]).that(
        TITLE in printed.getvalue(),
        f"a line printed by the default notifier, naming the task {TITLE!r}",
        got=f"printed: {printed.getvalue().strip()!r}" if printed.getvalue().strip()
        else "nothing printed within 1 s",
        help="With no NOTIFIER in the config the app must use print_notification, the "
             "starter's default, which prints one line in the server's terminal.")
