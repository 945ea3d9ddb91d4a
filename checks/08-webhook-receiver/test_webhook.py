"""Lesson 08: POST /webhook verifies X-Webhook-Signature (sha256=<hex HMAC-SHA256 of the raw
body>) before it trusts or even parses the body; GET /admin/events lists what was accepted.

The checks sign bodies themselves with the secret from conftest.py. Any 2xx counts as
accepted; every refusal must be 401 with a JSON body. /admin/events may be a JSON list or an
object holding one, and an event may wrap the payload (e.g. {"id": 1, "payload": {...}}): the
checks look for the payload anywhere in the document.
"""

import base64
import contextlib
import hashlib
import hmac
import importlib
import io
import json
import re
import sys
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from flaskcourse.checking import expect, fail, show_json
from flaskcourse.checking import learner
from flaskcourse.checking.client import RecordingClient
from flaskcourse.checking.learner import show_path

URL = "/webhook"
EVENTS = "/admin/events"
HEADER = "X-Webhook-Signature"
ACCEPTED = (200, 201, 202, 204)
DEV_SECRETS = ("dev-webhook-secret-change-me",)

FORBIDDEN_HELP = (
    "403 means \"I know who you are, and you may not do this\". Here the sender has not proven "
    "who it is at all, which is what 401 Unauthorized says."
)
ACCEPTED_HELP = "Your app accepted a request whose signature does not check out."


# ---------------------------------------------------------------------------------- helpers


def hex_hmac(body, secret, digest=hashlib.sha256):
    return hmac.new(secret.encode(), body, digest).hexdigest()


def signed(body, secret):
    """The header a genuine sender puts on this body."""
    return {HEADER: "sha256=" + hex_hmac(body, secret)}


def post(client, body, headers):
    return client.post(URL, data=body, headers=headers, content_type="application/json")


def payload_bytes(marker):
    """A small JSON event with a value no other check uses, as the bytes a sender sends."""
    return json.dumps({"event": "order.paid", "id": marker, "amount": 4200}).encode()


def accepted(response, help=None):
    """Expect a 2xx for a correctly signed request."""
    __tracebackhide__ = True
    e = expect(response)
    if response.status_code in (401, 403):
        help = help or ("The signature was computed by the checks over the exact bytes of the "
                        "body with app.config[\"WEBHOOK_SECRET\"], HMAC-SHA256, as lowercase "
                        "hex after \"sha256=\".")
    return e.that(response.status_code in ACCEPTED, "status 200 (any 2xx status accepts the event)",
                  help=help)


def rejected(response, after=(), help=None):
    """Expect a 401 with a JSON body; say why 403 or a 2xx is wrong."""
    __tracebackhide__ = True
    e = expect(response, after=after)
    if response.status_code != 401:
        code = response.status_code
        why = FORBIDDEN_HELP if code == 403 else ACCEPTED_HELP if 200 <= code < 300 else None
        e.fail("status 401", help="\n".join(note for note in (help, why) if note) or None)
    return e.json_error(401)


NO_TEXT = object()  # equal to nothing: no raw text (or no payload) to look for


def holds(document, payload, raw=NO_TEXT):
    """True when the payload (parsed, or as the raw text when given) appears anywhere in the
    document."""
    if document == payload or (raw is not NO_TEXT and document == raw):
        return True
    if isinstance(document, dict):
        return any(holds(value, payload, raw) for value in document.values())
    if isinstance(document, list):
        return any(holds(item, payload, raw) for item in document)
    return False


def occurrences(document, payload):
    """How many times the parsed payload appears in the document."""
    if document == payload:
        return 1
    items = document.values() if isinstance(document, dict) else document if isinstance(document, list) else ()
    return sum(occurrences(item, payload) for item in items)


def position(document, payload, counter=None):
    """Where the payload first appears in the document, in reading order (None: nowhere)."""
    counter = counter if counter is not None else [0]
    counter[0] += 1
    if document == payload:
        return counter[0]
    items = document.values() if isinstance(document, dict) else document if isinstance(document, list) else ()
    for item in items:
        found = position(item, payload, counter)
        if found is not None:
            return found
    return None


def listed(client):
    """GET /admin/events as JSON, and the expectation to fail through."""
    __tracebackhide__ = True
    response = client.get(EVENTS)
    e = expect(response).status(200)
    return e, e.json(help="Return the events with jsonify(...) or as a dict or list.")


# ------------------------------------------------------------------------------ accepting


def test_correct_signature_is_accepted(client, secret):
    """a body signed with the configured secret is accepted (200)"""
    body = payload_bytes("evt_accept")
    response = post(client, body, signed(body, secret))
    help = None
    if response.status_code in (401, 403):
        for dev in DEV_SECRETS:
            again = post(client, body, signed(body, dev))
            if again.status_code in ACCEPTED:
                help = ("The same body signed with the development secret from app.py was "
                        "accepted: your app checks against that secret instead of "
                        "app.config[\"WEBHOOK_SECRET\"], so the checks' secret (given through "
                        "create_app(config)) is ignored. Read the secret from "
                        "current_app.config inside the view.")
    accepted(response, help=help)


def test_accepted_events_are_listed(client, secret):
    """accepted events appear in GET /admin/events, both of two, oldest first"""
    first, second = payload_bytes("evt_first"), payload_bytes("evt_second")
    sent = [post(client, body, signed(body, secret)) for body in (first, second)]
    for response in sent:
        accepted(response)
    e, document = listed(client)
    missing = [body for body in (first, second) if not holds(document, json.loads(body))]
    help = ("Keep every accepted event (its parsed JSON, e.g. under \"payload\") in a list on "
            "the app and return that list.")
    if any(holds(document, NO_TEXT, body.decode()) for body in missing):
        help = ("The payload is listed as a string holding the body's text. List the JSON that "
                "was sent, the value json.loads gave, so that a reader gets the object itself.")
    expect(client.get(EVENTS), after=sent).that(
        not missing,
        "both payloads, as JSON objects, in the JSON of GET /admin/events",
        got=f"status 200 with {show_json(document)[:400]}; missing: "
            f"{show_json([json.loads(body) for body in missing])}",
        help=help,
    )
    where = [position(document, json.loads(body)) for body in (first, second)]
    expect(client.get(EVENTS), after=sent).that(
        where[0] < where[1],
        "the first event listed before the second: oldest first",
        got=f"status 200 with {show_json(document)[:400]} (the second event comes first)",
        help="Append each new event at the end of the list (list.append), and return the list "
             "in that order, not reversed.",
    )


RAW_BODIES = (
    ("unusual spacing and a raw UTF-8 ë",
     '{"event":   "order.paid",\n  "id": "evt_raw",  "customer": "Zoë"}'.encode()),
    ("a newline at the end (as echo or a file adds)", b'{"event": "ping", "id": "evt_newline"}\n'),
    ("spaces and a newline around the JSON", b'  \n{"event": "ping", "id": "evt_spaces"}  '),
)


def test_signature_covers_the_raw_bytes(client, secret):
    """a body with unusual spacing, signed exactly as sent, is accepted (the HMAC covers the raw bytes)"""
    for what, body in RAW_BODIES:
        response = post(client, body, signed(body, secret))
        help = None
        if response.status_code in (401, 403):
            help = (f"The body had {what}, and the checks signed those bytes exactly as sent. "
                    "If your app signs json.dumps(request.get_json()), or strips or re-encodes "
                    "the body, it signs other bytes and gets another HMAC. Sign "
                    "request.get_data() as it is.")
        accepted(response, help=help)


def test_signature_of_a_reserialised_body_is_rejected(client, secret):
    """a signature of the body re-serialised by json.dumps (not of the bytes sent) gives 401"""
    body = b'{\n  "event":   "order.paid",\n  "id": "evt_reserialised"\n}'
    parsed = json.loads(body)
    for text in (json.dumps(parsed), json.dumps(parsed, separators=(",", ":")),
                 json.dumps(parsed, sort_keys=True)):
        response = post(client, body, signed(text.encode(), secret))
        rejected(response, help=f"The checks signed {text!r}, not the bytes they sent. An app that "
                                "verifies a re-serialisation of the JSON instead of the raw body "
                                "accepts that. Verify request.get_data().")


# ------------------------------------------------------------------------------ rejecting


def test_wrong_secret_gives_401(client):
    """a body signed with the wrong secret gives 401 with a JSON body"""
    body = payload_bytes("evt_wrong_secret")
    rejected(post(client, body, signed(body, "not-the-configured-secret")))


def test_missing_signature_gives_401(client):
    """a request without X-Webhook-Signature gives 401 with a JSON body (not a 500)"""
    response = post(client, payload_bytes("evt_unsigned"), {})
    rejected(response, help="request.headers.get(...) is None when the header is absent: test "
                            "for that before calling string methods on it."
             if response.status_code == 500 else None)


def test_tampered_body_gives_401(client, secret):
    """a body sent with the signature of a different body gives 401"""
    original = payload_bytes("evt_original")
    tampered = original.replace(b"4200", b"1")
    rejected(post(client, tampered, signed(original, secret)))


def test_malformed_signatures_give_401(client, secret):
    """malformed headers (empty, no prefix, other name, base64, extra characters): 401, not 500"""
    body = payload_bytes("evt_malformed")
    digest = hmac.new(secret.encode(), body, hashlib.sha256).digest()
    cases = {
        "an empty header": "",
        "sha256= with nothing after it": "sha256=",
        "the right hex without the sha256= prefix": digest.hex(),
        "the right digest in base64 instead of hex": "sha256=" + base64.b64encode(digest).decode(),
        "64 characters that are not hex": "sha256=" + "zq" * 32,
        "a sha1 signature": "sha1=" + hex_hmac(body, secret, digest=hashlib.sha1),
        "the right hex cut short": "sha256=" + digest.hex()[:40],
        "non-ASCII characters": "sha256=" + "é" * 64,
        "the right sha256 hex after sha1= instead of sha256=": "sha1=" + digest.hex(),
        "the right sha256 hex after sha512= instead of sha256=": "sha512=" + digest.hex(),
        "the right hex with 00 added after it": "sha256=" + digest.hex() + "00",
        "the right hex with a non-ASCII é added after it": "sha256=" + digest.hex() + "é",
        "the right hex with a non-ASCII é in the middle":
            "sha256=" + digest.hex()[:32] + "é" + digest.hex()[32:],
    }
    for what, value in cases.items():
        response = post(client, body, {HEADER: value})
        help = (f"That header was {what}: only sha256= followed by the right lowercase hex, and "
                "nothing more, passes.")
        if response.status_code == 500 and "non-ASCII" in what:
            help += (" hmac.compare_digest raises TypeError for str arguments holding non-ASCII "
                     "characters: compare bytes (.encode() both sides), or check that the header "
                     "is 64 hex digits first.")
        elif response.status_code in ACCEPTED and "after sha" in what:
            help += (" The name before = is part of the signature: a header that names another "
                     "algorithm is refused, whatever follows it.")
        elif response.status_code in ACCEPTED and "é" in what:
            help += (" Something dropped the é before comparing (.encode(\"ascii\", \"ignore\") "
                     "does): encode so that every character stays, UTF-8 for one.")
        elif response.status_code in ACCEPTED and "added" in what:
            help += (" A pattern checked with re.match only has to fit the start of the header: "
                     "use re.fullmatch, or compare the whole header.")
        rejected(response, help=help)


REFUSED_NOT_JSON = (
    b"event=order.paid&id=evt_refused_form",
    b'{"event": "order.paid", "id": "evt_refused_cut", ',
    b"\xff\xfe evt_refused_bytes",
)


def test_rejected_events_are_not_recorded(client, secret):
    """a request refused with 401 or 400 (not JSON) does not appear in GET /admin/events"""
    body = payload_bytes("evt_forged")
    forged = post(client, body, signed(body, "not-the-configured-secret"))
    rejected(forged)
    response = client.get(EVENTS)
    e = expect(response, after=[forged]).status(200)
    document = e.json()
    e.that(not holds(document, json.loads(body), body.decode()),
           "no trace of the forged event in GET /admin/events",
           got=f"status 200 with {show_json(document)[:400]}",
           help="Record an event only after its signature has checked out.")
    refused = [post(client, bad, signed(bad, secret)) for bad in REFUSED_NOT_JSON]
    response = client.get(EVENTS)
    e = expect(response, after=[*refused, "(each body signed correctly, and none of them JSON)"])
    e.status(200)
    text = json.dumps(e.json(), ensure_ascii=False)
    traces = [marker for marker in ("evt_refused_form", "evt_refused_cut", "evt_refused_bytes")
              if marker in text]
    e.that(not traces,
           "no trace of the signed bodies that are not JSON: they got 400, so they were refused",
           got=f"status 200 with {text[:400]} (it holds {', '.join(traces)})",
           help="Record an event only once its body has parsed as JSON: answer 400 and stop "
                "before recording anything.")


def test_repeated_events_are_all_recorded(client, secret):
    """every accepted event is listed: a repeated body twice, another event with the same id too"""
    repeated = payload_bytes("evt_repeat")
    other = json.dumps({"event": "order.refunded", "id": "evt_repeat", "amount": 4200}).encode()
    sent = [post(client, body, signed(body, secret)) for body in (repeated, other, repeated)]
    for response in sent:
        accepted(response)
    e, document = listed(client)
    twice = occurrences(document, json.loads(repeated))
    once = occurrences(document, json.loads(other))
    help = ("A 2xx means the event was recorded: ignoring duplicates by their id is beyond this "
            "lesson, so record every verified event, even one whose id you have seen before.")
    if not once and holds(document, NO_TEXT, other.decode()):
        help = ("The payload is listed as a string holding the body's text. List the JSON that "
                "was sent, the value json.loads gave, so that a reader gets the object itself.")
    expect(client.get(EVENTS), after=sent).that(
        once >= 1 and twice == 2 * once,
        "three events listed: the body sent twice listed twice, and the other event with the same "
        "id \"evt_repeat\" once",
        got=f"status 200 with {show_json(document)[:400]} (the repeated body {twice} time(s), "
            f"the other event {once} time(s))",
        help=help,
    )


# ------------------------------------------------------------------------------- parsing


def test_unsigned_garbage_gives_401_not_400(client):
    """a body that is not JSON and not validly signed gives 401, not 400: verify before parsing"""
    for what, body in (("garbage", b"<<< not json >>>"), *NOT_JSON):
        for how, headers in (("no signature", {}),
                             ("a wrong secret", signed(body, "not-the-configured-secret"))):
            response = post(client, body, headers)
            rejected(response, after=[f"(the body: {what}, {body!r}, with {how})"],
                     help="Your app looked at the body before it checked who sent it. Verify "
                          "the signature first, before any check of the body (an empty one "
                          "too): until then the body is a stranger's."
                     if response.status_code in (400, 415, 422) else None)


NOT_JSON = (
    ("a form-encoded body", b"event=order.paid&id=evt_form"),
    ("JSON cut short", b'{"event": "order.paid", "id": '),
    ("an empty body", b""),
    ("bytes that are not UTF-8", b"\xff\xfe{}"),
    ("JSON holding a byte that is not UTF-8", b'{"event": "\xff"}'),
)


def test_signed_body_that_is_not_json_gives_400(client, secret):
    """a correctly signed body that is not JSON gives 400 with a JSON body"""
    for what, body in NOT_JSON:
        response = post(client, body, signed(body, secret))
        e = expect(response, after=[f"(the body: {what}, {body!r}, signed exactly as sent)"])
        if response.status_code == 500:
            e.fail("status 400", help="json.loads raises ValueError (UnicodeDecodeError is one) "
                                      "for a body that is not JSON or not UTF-8: catch "
                                      "ValueError and answer 400.")
        if response.status_code in (401, 403):
            e.fail("status 400", help="The signature was right (the checks signed these exact "
                                      "bytes with the configured secret). Verify the bytes "
                                      "request.get_data() gives, without decoding them to text "
                                      "first (undecodable bytes change on the way) and without "
                                      "stripping them.")
        if response.status_code in ACCEPTED:
            e.fail("status 400", help="The signature only proves who sent the body, not that it "
                                      "is JSON. Parse it after verifying, and refuse what does "
                                      "not parse.")
        e.json_error(400)


# ------------------------------------------------------------------------------ structure


def test_secret_comes_from_config(make_app, secret):
    """the secret is read from the app's config: with another WEBHOOK_SECRET, another signature is valid"""
    other_secret = "a-different-secret-for-a-second-app"
    client = make_app(WEBHOOK_SECRET=other_secret).test_client()
    body = payload_bytes("evt_other_secret")
    accepted(post(client, body, signed(body, other_secret)),
             help=f"This app was built with create_app({{'WEBHOOK_SECRET': {other_secret!r}, ...}}) "
                  "and the body signed with that secret. Read current_app.config"
                  "[\"WEBHOOK_SECRET\"] inside the view, not a value saved at import time.")
    rejected(post(client, body, signed(body, secret)),
             after=[f"(a second app, built with WEBHOOK_SECRET = {other_secret!r}, signed with "
                    "the first app's secret)"])


def test_events_are_kept_per_app(client, make_app, secret, tmp_path):
    """two apps from create_app() keep separate event lists"""
    body = payload_bytes("evt_first_app")
    first = post(client, body, signed(body, secret))
    accepted(first)
    # The second app gets a database of its own, so an app that keeps events in a database
    # (which is per app by its configured path) passes; a module-level list does not.
    database = tmp_path / "second-app.db"
    other = make_app(reimport=False, DATABASE=str(database),
                     SQLALCHEMY_DATABASE_URI=f"sqlite:///{database}").test_client()
    response = other.get(EVENTS)
    e = expect(response, after=[first, "a second app is built by create_app(config)"]).status(200)
    document = e.json()
    e.that(not holds(document, json.loads(body), body.decode()),
           "an empty event list from a second app: each app keeps its own events",
           got=f"status 200 with {show_json(document)[:400]}",
           help="A module-level list is shared by every app create_app() builds in the process. "
                "Create the list inside create_app and keep it on the app (app.extensions).")


def test_signatures_are_compared_in_constant_time():
    """the signature is compared with hmac.compare_digest (or secrets.compare_digest), not =="""
    if learner.calls_to("compare_digest"):
        return
    shown = ", ".join(show_path(str(p)) for p in learner.source_files()) or "no .py files"
    fail("a call to hmac.compare_digest (or secrets.compare_digest) in your code",
         got=f"no such call in {shown}",
         help="This check reads your code instead of sending requests, because the difference "
              "it cares about cannot be measured reliably in a check: == stops at the first "
              "differing character, so how long a comparison takes tells an attacker how much "
              "of a forged signature is right, a few microseconds at a time. "
              "hmac.compare_digest(a, b) always takes the same time.")


def app_without_configured_secret(config, reimport=True):
    """The learner's app built with the checks' config minus WEBHOOK_SECRET (``reimport=False``:
    from the app.py already imported)."""
    app = learner.build_app({k: v for k, v in config.items() if k != "WEBHOOK_SECRET"},
                            reimport=reimport)
    app.test_client_class = RecordingClient
    return app


def test_secret_defaults_to_the_environment_then_the_dev_secret(config, monkeypatch):
    """no WEBHOOK_SECRET in config: the environment's, read by create_app, else the dev default"""
    body = payload_bytes("evt_default_secret")
    monkeypatch.delenv("WEBHOOK_SECRET", raising=False)
    client = app_without_configured_secret(config).test_client()
    step = ("(no WEBHOOK_SECRET in the environment nor in config: app.py is imported and the app "
            "built by create_app(config))")
    response = post(client, body, signed(body, DEV_SECRETS[0]))
    e = expect(response, after=[step])
    e.that(response.status_code in ACCEPTED,
           f"status 200: the body was signed with the development default {DEV_SECRETS[0]!r}",
           help="flaskcourse serve builds the app with no config: the starter's default "
                "secret is what makes it work out of the box. Keep "
                "os.environ.get(\"WEBHOOK_SECRET\", \"dev-webhook-secret-change-me\").")
    env_secret = "a-secret-from-the-environment-7d1e"
    monkeypatch.setenv("WEBHOOK_SECRET", env_secret)
    client = app_without_configured_secret(config, reimport=False).test_client()
    step = (f"(then WEBHOOK_SECRET={env_secret!r} is set in the environment, and create_app(config) "
            "of the same imported app.py builds another app, with no WEBHOOK_SECRET in config)")
    response = post(client, body, signed(body, env_secret))
    e = expect(response, after=[step])
    e.that(response.status_code in ACCEPTED,
           "status 200: the body was signed with the secret from the environment",
           help="create_app must read the environment variable each time it builds an app, as "
                "the starter does: app.config[\"WEBHOOK_SECRET\"] = os.environ.get("
                "\"WEBHOOK_SECRET\", \"dev-webhook-secret-change-me\") inside create_app, "
                "before the config mapping is laid on top. Read at import into a module "
                "constant, it misses a variable set after app.py was imported.")


def test_configured_secret_wins_over_the_environment(make_app, secret, monkeypatch):
    """a WEBHOOK_SECRET given in the config wins over the WEBHOOK_SECRET environment variable"""
    env_secret = "a-secret-from-the-environment-7d1e"
    monkeypatch.setenv("WEBHOOK_SECRET", env_secret)
    client = make_app().test_client()
    step = (f"(the environment has WEBHOOK_SECRET={env_secret!r}; the app is built by "
            f"create_app(config) with WEBHOOK_SECRET={secret!r} in config)")
    body = payload_bytes("evt_config_wins")
    help = ("The secret given to create_app(config) must win: set the environment's value (or "
            "the default) first, then lay the config on top, and read only "
            "current_app.config[\"WEBHOOK_SECRET\"] in the view, never os.environ.")
    response = post(client, body, signed(body, secret))
    e = expect(response, after=[step])
    e.that(response.status_code in ACCEPTED,
           "status 200: the body was signed with the secret from the config", help=help)
    rejected(post(client, body, signed(body, env_secret)),
             after=[step, "(signed with the environment's secret)"], help=help)


def test_secret_is_read_at_each_request(app, secret):
    """a WEBHOOK_SECRET changed in app.config after create_app counts from the next request on"""
    new_secret = "a-rotated-secret-set-after-create-app"
    client = app.test_client()
    body = payload_bytes("evt_rotated")
    first = post(client, body, signed(body, secret))
    accepted(first)
    app.config["WEBHOOK_SECRET"] = new_secret
    step = f"(then app.config[\"WEBHOOK_SECRET\"] = {new_secret!r})"
    help = ("The view must read current_app.config[\"WEBHOOK_SECRET\"] at every request, not a "
            "copy taken once in create_app or at import: a secret rotated in the config (or set "
            "by a test after building the app) counts from the next request on.")
    response = post(client, body, signed(body, new_secret))
    e = expect(response, after=[first, step])
    e.that(response.status_code in ACCEPTED,
           "status 200: the body was signed with the secret now in app.config", help=help)
    rejected(post(client, body, signed(body, secret)),
             after=[first, step, "(signed with the old secret)"], help=help)


class FakeAnswer:
    def __init__(self, response):
        self.status = response.status_code
        self._body = response.get_data()

    def read(self):
        return self._body

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def run_sender(client, monkeypatch, *args):
    """Run send_webhook.main() with these arguments, its requests answered by the app's test
    client instead of the network. Returns (what it printed, the requests it made, exit code)."""
    sent = []

    def urlopen(request, timeout=None, **kwargs):
        headers = dict(request.header_items())
        sent.append({"url": request.full_url, "method": request.get_method(),
                     "headers": headers, "body": request.data})
        path = urlsplit(request.full_url).path or "/"
        response = client.open(path, method=request.get_method(), data=request.data,
                               headers=headers)
        if response.status_code >= 400:
            raise urllib.error.HTTPError(request.full_url, response.status_code, response.status,
                                         response.headers, io.BytesIO(response.get_data()))
        return FakeAnswer(response)

    monkeypatch.setattr(urllib.request, "urlopen", urlopen)
    monkeypatch.setattr(sys, "argv", ["send_webhook.py", *args])
    sys.modules.pop("send_webhook", None)
    out = io.StringIO()
    code = None
    with contextlib.redirect_stdout(out):
        try:
            module = importlib.import_module("send_webhook")
            module.main()
        except SystemExit as exc:
            code = exc.code
        except Exception as exc:
            fail("python send_webhook.py " + " ".join(args) + " to run", learner.describe_exception(
                exc, prefix="it raised"), help="send_webhook.py came finished with the starter: "
                "compare it with a fresh copy (flaskcourse start 08 in another folder).")
    return out.getvalue(), sent, code


def test_the_sender_script_still_signs_and_sends(make_app, monkeypatch):
    """send_webhook.py, the finished sender, signs with the dev secret, --secret and --no-signature work"""
    dev = DEV_SECRETS[0]
    client = make_app(WEBHOOK_SECRET=dev).test_client()
    body = '{"event": "ping", "id": "evt_sender"}'
    expected = "sha256=" + hex_hmac(body.encode(), dev)
    sender_help = ("send_webhook.py came finished with the starter and the lesson shows what it "
                   "prints: compare it with a fresh copy (flaskcourse start 08 in another folder).")

    def expect_run(args, wanted, ok):
        __tracebackhide__ = True
        printed, sent, code = run_sender(client, monkeypatch, *args)
        command = "python send_webhook.py " + " ".join(repr(a) for a in args)
        if not ok(printed, sent, code):
            fail(wanted, got=f"it printed:\n{printed or '(nothing)'}\nand sent "
                             f"{json.dumps(sent, default=repr)[:400]}",
                 request=f"{command} (against an app whose WEBHOOK_SECRET is {dev!r})",
                 help=sender_help)

    def lines(printed):
        return printed.splitlines()

    expect_run([body], f"the line 'X-Webhook-Signature: {expected}', then a line starting with "
                       f"200 (or another 2xx) and your app's JSON answer; one POST to /webhook with that header",
               lambda printed, sent, code: code in (None, 0)
               and f"X-Webhook-Signature: {expected}" in lines(printed)
               and any(re.match(r"2\d\d \{", line) for line in lines(printed))
               and len(sent) == 1 and sent[0]["method"] == "POST"
               and sent[0]["body"] == body.encode()
               and sent[0]["url"] == "http://127.0.0.1:5000/webhook"
               and {k.lower(): v for k, v in sent[0]["headers"].items()}.get(HEADER.lower()) == expected)
    expect_run([body, "--secret", "wrong"], "a line starting with 401: a wrong secret is refused",
               lambda printed, sent, code: any(line.startswith("401 {") for line in lines(printed)))
    expect_run([body, "--no-signature"], "no X-Webhook-Signature sent or printed, and a line "
                                         "starting with 401",
               lambda printed, sent, code: not any(line.startswith("X-Webhook-Signature:")
                                                   for line in lines(printed))
               and len(sent) == 1 and HEADER.lower() not in {k.lower() for k in sent[0]["headers"]}
               and any(line.startswith("401 {") for line in lines(printed)))
    expect_run([body, "--url", "http://localhost:8000/webhook"], "the POST sent to --url",
               lambda printed, sent, code: len(sent) == 1
               and sent[0]["url"] == "http://localhost:8000/webhook")
    expect_run(["--help"], "the usage, with the first line of its docstring "
                           "(\"Send one signed webhook to your running app\")",
               lambda printed, sent, code: code == 0
               and "Send one signed webhook to your running app" in printed and not sent)
