"""Lesson 06: the Socket.IO events of the chat room, with two (or three) test clients.

The contract: clients emit "join" {"username"} and "chat_message" {"message"}; the server emits
"status" (a dict whose text names the user) for joins and leaves, and "chat_message"
{"username", "message"} to everyone in the chat except the sender.
"""

import json

import pytest

from flaskcourse.checking import fail
from flaskcourse.checking.learner import describe_exception
from flaskcourse.checking.payloads import EMPTY_STRINGS, NOT_A_STRING

INIT_HELP = ("Create `socketio = SocketIO()` at module level and call "
             "`socketio.init_app(app, async_mode=\"threading\")` inside create_app, before "
             "`return app`: Flask-SocketIO registers itself in app.extensions[\"socketio\"].")


def show(value):
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def describe_events(events):
    if not events:
        return "nothing at all"
    lines = []
    for event in events:
        args = ", ".join(show(a) for a in event.get("args", []))
        lines.append(f"{event['name']!r} {args}".rstrip())
    return f"{len(events)} event{'s' if len(events) > 1 else ''}:\n" + "\n".join(
        f"  {line}" for line in lines)


class Chat:
    """The room: the learner's app, its SocketIO object, and the story so far."""

    def __init__(self, app):
        self.app = app
        self.story: list[str] = []
        sio = app.extensions.get("socketio")
        if sio is None or not hasattr(sio, "test_client"):
            fail("a Flask-SocketIO object attached to the app",
                 "app.extensions has no \"socketio\" entry: SocketIO was never initialised "
                 "with this app", request="create_app(config)", help=INIT_HELP)
        self.sio = sio

    def told(self):
        return "\n".join(self.story) or None

    def connect(self, name):
        __tracebackhide__ = True
        self.story.append(f"{name} connects (a Socket.IO test client)")
        try:
            client = self.sio.test_client(self.app)
        except Exception as exc:
            fail("the connection to be accepted", describe_exception(exc),
                 request=self.told())
        if not client.is_connected():
            fail("the connection to be accepted", "the server refused it",
                 request=self.told(),
                 help="A `connect` handler that returns False (or raises "
                      "ConnectionRefusedError) turns every client away.")
        return Person(self, name, client)


class Person:
    def __init__(self, chat, name, client):
        self.chat = chat
        self.name = name
        self.client = client

    def emit(self, event, *args):
        """Send an event; an exception in the learner's handler fails the check, readably."""
        __tracebackhide__ = True
        said = ", ".join(show(a) for a in args)
        step = f"{self.name} emits {event!r}" + (f" {said}" if said else "")
        self.chat.story.append(step)
        try:
            self.client.emit(event, *args)
        except Exception as exc:
            if isinstance(exc, KeyError):
                why = ("A lookup with [] fails when the key is not there, and a client that "
                       "never joined has no entry: use .get() and return when it gives None.")
            else:
                why = (f"Handlers receive whatever clients send: check the payload (is it a "
                       f"dict? is the field a string?) before using it, and ignore what does "
                       f"not fit, rather than letting {type(exc).__name__} escape.")
            fail(f"the server to handle {event!r} without an error",
                 describe_exception(exc), request=self.chat.told(), help=why)

    def join(self):
        __tracebackhide__ = True
        self.emit("join", {"username": self.name})

    def say(self, text):
        __tracebackhide__ = True
        self.emit("chat_message", {"message": text})

    def leave(self):
        __tracebackhide__ = True
        self.chat.story.append(f"{self.name} disconnects")
        try:
            self.client.disconnect()
        except Exception as exc:
            fail("the server to handle the disconnect without an error",
                 describe_exception(exc), request=self.chat.told(),
                 help="The disconnect handler also runs for a client that never joined: "
                      "usernames.pop(request.sid, None) gives None instead of raising.")

    def drop(self, reason, why):
        """The connection ends without a goodbye: Engine.IO tells Socket.IO it is gone, as the
        real server does when a tab closes or pings stop coming."""
        __tracebackhide__ = True
        self.chat.story.append(f"{self.name}'s connection drops ({why}: Flask-SocketIO calls "
                               f"the disconnect handler with reason {reason!r})")
        try:
            self.chat.sio.server._handle_eio_disconnect(self.client.eio_sid, reason)
        except Exception as exc:
            fail("the server to handle the disconnect without an error",
                 describe_exception(exc), request=self.chat.told())
        self.client.connected.pop("/", None)

    def inbox(self):
        """Everything this client received since the last look (and forget it)."""
        return self.client.get_received()

    def events(self, name):
        return [e for e in self.inbox() if e["name"] == name]


@pytest.fixture
def chat(app):
    return Chat(app)


@pytest.fixture
def ada_and_grace(chat):
    """ada joins, then grace joins; both inboxes emptied. ada joined first on purpose: a server
    that remembers only the last name it heard tags ada's messages with grace's name."""
    ada = chat.connect("ada")
    grace = chat.connect("grace")
    ada.join()
    grace.join()
    ada.inbox()
    grace.inbox()
    chat.story.append("(both read what they had received so far)")
    return ada, grace


STATUS_HELP = ("Announce with emit(\"status\", {\"message\": f\"{username} joined\"}, ...): the "
               "event is named \"status\" and its payload is a dict.")


def texts(value):
    """Every string inside a payload, however nested."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from texts(item)


def names(event, username):
    return any(username in text for arg in event["args"] for text in texts(arg))


def status_text(event):
    """The text of a "status" event: its payload's "message", when that is a string."""
    args = event.get("args") or []
    if len(args) == 1 and isinstance(args[0], dict) and isinstance(args[0].get("message"), str):
        return args[0]["message"]
    return None


def expect_status_naming(chat, person, username, got, what, help=None):
    """``person`` received a "status" event whose payload's "message" names ``username``."""
    __tracebackhide__ = True
    statuses = [e for e in got if e["name"] == "status"]
    if any(username in (status_text(e) or "") for e in statuses):
        return
    hint = help
    if statuses and not any(names(e, username) for e in statuses):
        hint = f"The status {person} received does not name {username!r}: put the username in its text."
    elif any(isinstance(a, dict) for e in statuses for a in e["args"]):
        hint = ("The page shows data.message: put the text of a status under the key "
                "\"message\", as in {\"message\": f\"{username} joined\"}.")
    elif statuses:
        hint = STATUS_HELP
    elif got:
        hint = f"{person} received other events, but no \"status\". " + STATUS_HELP
    fail(f"{person} to receive a \"status\" whose \"message\" names {username!r} ({what})",
         f"{person} received {describe_events(got)}", request=chat.told(), help=hint)


def expect_nothing(chat, person, got, why, help):
    """``person`` received nothing at all."""
    __tracebackhide__ = True
    if got:
        fail(f"{person} to receive nothing ({why})",
             f"{person} received {describe_events(got)}", request=chat.told(), help=help)


def bad_payloads(field, example):
    """Payloads that are not {field: a string}: each (label, payload)."""
    yield f"{{}} (no {field!r} at all)", {}
    yield f"a dict with {field!r} misspelled", {field.upper(): example}
    for label, value in (("a bare string", example), ("a list", [example]), ("null", None),
                         ("a number", 42)):
        yield f"{label} instead of a dict", value
    for label, value in NOT_A_STRING:
        yield f"{field!r} is {label}", {field: value}


def blank_payloads(field):
    for label, value in EMPTY_STRINGS:
        yield f"{field!r} is {label}", {field: value}


def expect_no_chat_message(chat, person, got, why, help):
    __tracebackhide__ = True
    leaked = [e for e in got if e["name"] == "chat_message"]
    if leaked:
        fail(f"{person} to receive no \"chat_message\" ({why})",
             f"{person} received {describe_events(leaked)}", request=chat.told(), help=help)


# ---------------------------------------------------------------------------------- joining


def test_join_is_announced_to_the_others(chat):
    """when ada joins, someone already in the chat gets a "status" naming ada"""
    grace = chat.connect("grace")
    grace.join()
    ada = chat.connect("ada")
    grace.inbox()
    ada.join()
    expect_status_naming(chat, "grace", "ada", grace.inbox(), "everyone hears who came in",
                         help="A bare emit() answers only the client that sent the event. "
                              "Send the announcement to the whole room: to=ROOM after "
                              "join_room(ROOM), or broadcast=True.")


def test_joiner_sees_its_own_join(chat):
    """the one who joins gets the "status" naming them too (their confirmation)"""
    ada = chat.connect("ada")
    ada.join()
    expect_status_naming(chat, "ada", "ada", ada.inbox(), "the joiner's confirmation",
                         help="Leave include_self at its default (True) for the announcement, "
                              "and join the room before emitting to it.")


def test_blank_username_is_refused(chat):
    """a blank or malformed username is refused: nothing reaches the others, nothing raises"""
    grace = chat.connect("grace")
    grace.join()
    nobody = chat.connect("a client")
    grace.inbox()
    for label, payload in [*blank_payloads("username"), *bad_payloads("username", "ada")]:
        chat.story.append(f"(the payload: {label})")
        nobody.emit("join", payload)
        expect_nothing(chat, "grace", grace.inbox(), f"the join payload was {label}: no one to announce",
                       help="Accept only a dict whose \"username\" is a string with something left "
                            "after strip(); for anything else answer the sender alone, or nothing, "
                            "and return. str(None) is \"None\": never turn a non-string into a name.")


def test_a_connection_that_has_not_joined_hears_nothing(chat):
    """a connection that has not joined (or whose join was refused) hears nothing of the room"""
    lurker = chat.connect("a lurker")
    refused = chat.connect("a refused client")
    refused.emit("join", {"username": "  "})
    refused.inbox()
    lurker.inbox()
    chat.story.append("(the refused client read the answer to its own join, if any)")
    ada = chat.connect("ada")
    grace = chat.connect("grace")
    ada.join()
    grace.join()
    ada.say("only for the room")
    grace.leave()
    for who, person in (("the lurker (connected, never joined)", lurker),
                        ("the refused client (its blank join was refused)", refused)):
        heard = [e for e in person.inbox() if e["name"] in ("status", "chat_message")]
        if heard:
            fail(f"{who} to receive nothing: only those who joined are in the room",
                 f"it received {describe_events(heard)}", request=chat.told(),
                 help="Send announcements and messages to the room that join puts people in "
                      "(emit(..., to=ROOM)), not to every connection (broadcast=True), and call "
                      "join_room only after the username was accepted.")


# ---------------------------------------------------------------------------------- messages


def test_message_reaches_the_other_client(ada_and_grace):
    """ada's message reaches grace as "chat_message" with ada's username and the text"""
    ada, grace = ada_and_grace
    ada.say("hello grace")
    got = grace.inbox()
    wanted = {"username": "ada", "message": "hello grace"}
    if any(e["name"] == "chat_message" and e["args"] == [wanted] for e in got):
        return
    messages = [e for e in got if e["name"] == "chat_message"]
    if not got:
        hint = ("emit() inside a handler answers only the sender unless you say otherwise: "
                "send to the room (to=ROOM) or to everyone (broadcast=True).")
    elif not messages:
        hint = "The event the page listens for is named \"chat_message\", the same as the one clients send."
    elif any(e["args"] and isinstance(e["args"][0], dict) and e["args"][0].get("username") == "grace"
             for e in messages):
        hint = ("The message carries grace's name, the last one to join. Remember each "
                "connection's own name, keyed on request.sid, not one global variable.")
    else:
        hint = ("Send one dict: {\"username\": <the name this connection joined with>, "
                "\"message\": <the text>}.")
    fail(f"grace to receive \"chat_message\" {show(wanted)}",
         f"grace received {describe_events(got)}", request=ada.chat.told(), help=hint)


def test_sender_does_not_get_its_own_message_back(ada_and_grace):
    """the sender does not get its own "chat_message" back (its page shows it already)"""
    ada, grace = ada_and_grace
    ada.say("hello grace")
    expect_no_chat_message(ada.chat, "ada", ada.inbox(), "the page shows what ada typed already",
                           help="Pass include_self=False to emit() (or skip_sid=request.sid).")


def test_message_is_signed_with_the_joined_name(ada_and_grace):
    """a message is signed with the name the sender joined with, whatever its payload claims"""
    ada, grace = ada_and_grace
    ada.emit("chat_message", {"message": "it was me", "username": "grace"})
    got = [e for e in grace.inbox() if e["name"] == "chat_message"]
    payloads = [e["args"][0] for e in got if e["args"] and isinstance(e["args"][0], dict)]
    if payloads and all(p.get("username") == "ada" for p in payloads):
        return
    fail("grace to receive \"chat_message\" with \"username\": \"ada\"",
         f"grace received {describe_events(got)}", request=ada.chat.told(),
         help="Anyone can put any name in a payload. The server knows who joined on this "
              "connection (request.sid): take the name from there, never from the message.")


def test_message_before_join_is_not_broadcast(chat):
    """a client that has not joined cannot post: nothing reaches the others"""
    grace = chat.connect("grace")
    grace.join()
    stranger = chat.connect("a stranger")
    grace.inbox()
    stranger.emit("chat_message", {"message": "who am I?"})
    expect_nothing(chat, "grace", grace.inbox(), "the sender never joined",
                   help="Look the sender's name up with .get(request.sid); when there is none, "
                        "return, or tell the sender alone to join first: a bare emit() (no to=, "
                        "no broadcast=True) answers only the sender.")


def test_name_is_kept_as_typed(chat):
    """a name arrives as it was typed: capitals kept, 20 characters whole"""
    grace = chat.connect("grace")
    grace.join()
    name = "Katherine G. Johnson"
    katherine = chat.connect(name)
    grace.inbox()
    katherine.join()
    got = grace.inbox()
    expect_status_naming(chat, "grace", name, got, "her name as she typed it",
                         help="Keep the name as it was typed, only the spaces around it "
                              "stripped: no .lower(), .title() or cutting below 20 characters.")
    katherine.inbox()
    katherine.say("hello")
    got = grace.inbox()
    signed = [e["args"][0].get("username") for e in got if e["name"] == "chat_message"
              and e["args"] and isinstance(e["args"][0], dict)]
    if signed != [name]:
        fail(f"grace to receive \"chat_message\" with \"username\": {show(name)}",
             f"grace received {describe_events(got)}", request=chat.told(),
             help="Sign messages with the name exactly as it was joined with: no .lower(), "
                  ".title() or cutting below 20 characters.")


def test_message_text_arrives_unchanged(ada_and_grace):
    """a message with <, > and & arrives exactly as typed (the page, not the server, keeps it safe)"""
    ada, grace = ada_and_grace
    text = 'Tom & Jerry <3 "quoted" <b>bold</b> it\'s'
    ada.say(text)
    got = grace.inbox()
    wanted = {"username": "ada", "message": text}
    if any(e["name"] == "chat_message" and e["args"] == [wanted] for e in got):
        return
    fail(f"grace to receive \"chat_message\" {show(wanted)}",
         f"grace received {describe_events(got)}", request=ada.chat.told(),
         help="Pass the text on as it was typed (stripped of the spaces around it). Escaping "
              "it on the server (html.escape) makes every page show &amp; and &lt;: the page "
              "keeps it safe by setting textContent, which never parses HTML.")


def test_a_long_sentence_arrives_whole(ada_and_grace):
    """a 200-character message arrives whole (ordinary sentences fit)"""
    ada, grace = ada_and_grace
    text = ("I will be a bit late for the meeting today, sorry: the train is stuck outside the "
            "station and nobody knows for how long. Start without me, and please keep some "
            "notes of what you decide in the meeting.")
    ada.say(text)
    got = grace.inbox()
    wanted = {"username": "ada", "message": text}
    if any(e["name"] == "chat_message" and e["args"] == [wanted] for e in got):
        return
    fail("grace to receive \"chat_message\" with the whole 200-character message",
         f"grace received {describe_events(got)}", request=ada.chat.told(),
         help="A length limit is yours to choose, but ordinary sentences must fit: keep at "
              "least 200 characters of a message and 20 of a name (the reference keeps 500 "
              "and 32). Check that the two limits are not swapped.")


def test_blank_message_is_not_broadcast(ada_and_grace):
    """an empty or whitespace-only message is not sent to anyone"""
    ada, grace = ada_and_grace
    for label, payload in blank_payloads("message"):
        ada.chat.story.append(f"(the payload: {label})")
        ada.emit("chat_message", payload)
        expect_nothing(ada.chat, "grace", grace.inbox(), f"the message was {label}: nothing to read",
                       help="Strip the text and return early when nothing is left.")


def test_malformed_message_is_ignored(ada_and_grace):
    """a chat_message that is not {"message": text} is ignored without an error"""
    ada, grace = ada_and_grace
    for label, payload in bad_payloads("message", "hi"):
        ada.chat.story.append(f"(the payload: {label})")
        ada.emit("chat_message", payload)
        expect_nothing(ada.chat, "grace", grace.inbox(), f"the payload was {label}, not a text message",
                       help="Accept only a dict whose \"message\" is a string; ignore anything "
                            "else (str(42) is not what anyone typed).")


# ---------------------------------------------------------------------------------- leaving


def test_disconnect_notifies_the_rest(ada_and_grace):
    """when ada disconnects, the others get a "status" naming ada"""
    ada, grace = ada_and_grace
    ada.leave()
    expect_status_naming(ada.chat, "grace", "ada", grace.inbox(), "everyone hears who left",
                         help="Register @socketio.on(\"disconnect\"): Flask-SocketIO calls it "
                              "by itself when a connection closes. Look up the name by "
                              "request.sid there and announce it to the room.")


def test_a_dropped_connection_is_announced(ada_and_grace):
    """a connection that drops (a closed tab, a sleeping laptop) is announced like a goodbye"""
    ada, grace = ada_and_grace
    chat = ada.chat
    katherine = chat.connect("katherine")
    katherine.join()
    grace.inbox()
    for person, reason, why in ((ada, chat.sio.reason.TRANSPORT_CLOSE, "the tab was closed"),
                                (katherine, chat.sio.reason.PING_TIMEOUT, "the laptop went to sleep")):
        person.drop(reason, why)
        expect_status_naming(chat, "grace", person.name, grace.inbox(), "everyone hears who left",
                             help="Flask-SocketIO calls the disconnect handler with a reason, "
                                  "and every reason means the connection is gone for good (a "
                                  "reconnection is a new connection that joins again): forget "
                                  "the name and announce it whatever the reason.")


def test_leaving_without_joining_is_quiet(chat):
    """a client that never joined can disconnect: no error, no announcement"""
    grace = chat.connect("grace")
    grace.join()
    stranger = chat.connect("a stranger")
    grace.inbox()
    stranger.leave()
    got = grace.inbox()
    if got:
        fail("grace to receive nothing: no one she knew left",
             f"grace received {describe_events(got)}", request=chat.told(),
             help="Announce only when the connection had joined: "
                  "name = usernames.pop(request.sid, None); if name is None: return.")


def test_a_gone_client_gets_no_more_messages(ada_and_grace):
    """after grace leaves, ada can still talk to the people left, and it is not an error"""
    ada, grace = ada_and_grace
    katherine = ada.chat.connect("katherine")
    katherine.join()
    grace.leave()
    ada.inbox()
    katherine.inbox()
    ada.say("anyone here?")
    got = katherine.inbox()
    if not any(e["name"] == "chat_message" for e in got):
        fail("katherine to receive ada's \"chat_message\"",
             f"katherine received {describe_events(got)}", request=ada.chat.told(),
             help="Leaving must forget only the one who left.")
