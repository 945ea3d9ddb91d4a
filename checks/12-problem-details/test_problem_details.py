"""Lesson 12: an application factory, config classes, and RFC 7807 problem details for every error.

Every error body must carry type, title, status (the HTTP status, as a number) and detail, and be
sent as application/problem+json. The checks' apps run with PROPAGATE_EXCEPTIONS off, as a real
server does, so an unexpected exception reaches the app's 500 handling instead of the test.
"""

import json
import sys

from flaskcourse.checking import expect, fail, show_json
from flaskcourse.checking import learner

URL = "/widgets"
GOOD = {"name": "Sprocket", "price": 2.5}
MISSING_ID = 999
PROBLEM_KEYS = ("type", "title", "status", "detail")
PROBLEM_JSON = "application/problem+json"
BROKEN_JSON = '{"name": "Sprocket", "price": '

HANDLER_HELP = (
    "This error comes from Flask itself, not from your views: handle it with "
    "@app.errorhandler(HTTPException) (from werkzeug.exceptions), which covers 400, 404, 405 and "
    "every other HTTP error, and build the same problem body there from error.code, error.name "
    "and error.description."
)


# ---------------------------------------------------------------------------------- helpers


def crash_help(logged):
    """When a request that should not crash did: the traceback the app logged, if any."""
    crashes = logged.crashes() if logged is not None else []
    if not crashes:
        return None
    return learner.describe_exception(crashes[-1], prefix="your app logged")


def problem(response, status, *, logged=None, after=(), help=None):
    """Expect a problem-details body with this status (or one of a tuple of them); return it."""
    __tracebackhide__ = True
    statuses = status if isinstance(status, tuple) else (status,)
    e = expect(response, after=after)
    unexpected_500 = response.status_code == 500 and 500 not in statuses
    e.status(*statuses, help=crash_help(logged) if unexpected_500 else help)
    status = response.status_code
    body = e.json_object()
    missing = [k for k in PROBLEM_KEYS if k not in body]
    e.that(not missing, "a problem-details body with type, title, status and detail",
           help=f"Missing: {', '.join(missing)}. RFC 7807 gives every error these four members, "
                "so a client reads one shape whatever went wrong." + (f" {help}" if help else ""))
    value = body["status"]
    e.that(type(value) is int and value == status,
           f'"status": {status} in the body: a number, the same as the HTTP status',
           got=f'"status": {show_json(value)}',
           help='A JSON number, not a string: "status": 404, not "status": "404".'
           if isinstance(value, str) else None)
    blank = [k for k in ("type", "title", "detail")
             if not isinstance(body[k], str) or not body[k].strip()]
    e.that(not blank, "type, title and detail as non-empty strings",
           got=f"{', '.join(blank)}: " + "; ".join(show_json(body[k]) for k in blank),
           help="detail explains this occurrence in a sentence; for Werkzeug's errors "
                "error.description is a good one. A type with nothing more to say is \"about:blank\".")
    return body


def create(client, body=GOOD, logged=None):
    """POST a valid widget; return the created widget."""
    __tracebackhide__ = True
    response = client.post(URL, json=body)
    e = expect(response).status(201, help=crash_help(logged) if response.status_code == 500 else None)
    widget = e.json_object()
    e.that(isinstance(widget.get("id"), int) and not isinstance(widget.get("id"), bool),
           'the created widget with an integer "id"')
    return widget


def crash(client):
    return client.get("/debug/crash")


def learner_factory():
    """The learner's create_app itself, called here without the checks' config laid on top."""
    module = sys.modules.get(learner.ENTRY_MODULE)
    factory = getattr(module, "create_app", None) or getattr(module, "make_app", None)
    if not callable(factory):
        fail("a create_app(config=None) function in app.py", got="no create_app in app.py")
    return factory


# ----------------------------------------------------------------------------- the resource


def test_create_gives_201_with_the_widget(client, logged):
    """POST /widgets with a name and a price gives 201 and the widget with its id"""
    response = client.post(URL, json=GOOD)
    e = expect(response).status(201, help=crash_help(logged))
    e.json_includes(GOOD)
    widget = e.json_object()
    e.that(isinstance(widget.get("id"), int) and not isinstance(widget["id"], bool),
           'an integer "id" in the created widget')


def test_created_widget_is_fetched_and_listed(client, logged):
    """two created widgets get different ids; each is served by GET /widgets/<id> and listed"""
    first, second = GOOD, {"name": "Gear", "price": 4}
    widgets = [create(client, body, logged=logged) for body in (first, second)]
    shown = [f"POST {URL} {json.dumps(body)}" for body in (first, second)]
    expect(client.get(URL), after=shown).that(
        widgets[0]["id"] != widgets[1]["id"], "two widgets with different ids",
        got=f"both have the id {widgets[0]['id']}",
        help="Each new widget needs its own id: count up after every one you add.")
    for body, widget in zip((first, second), widgets):
        one = client.get(f"{URL}/{widget['id']}")
        expect(one, after=shown).status(200, help=crash_help(logged)).json_includes(body)
    listing = client.get(URL)
    items = expect(listing, after=shown).status(200, help=crash_help(logged)).json()
    ids = {i.get("id") for i in items if isinstance(i, dict)} if isinstance(items, list) else set()
    expect(listing, after=shown).that(
        isinstance(items, list) and {w["id"] for w in widgets} <= ids,
        "a JSON list of widgets that includes both just created")


def test_price_zero_is_accepted(client, logged):
    """a price of 0 is accepted (201): it is not negative"""
    body = {"name": "Freebie", "price": 0}
    response = client.post(URL, json=body)
    expect(response).status(201, help=crash_help(logged) or (
        "The rule is \"a price that is negative\": 0 is not, so a free widget is fine. "
        "Refuse price < 0, not price <= 0.")).json_includes(body)


# ----------------------------------------------------------------- errors the API raises itself


def test_unknown_widget_is_a_404_problem(client, logged):
    """GET /widgets/999 (no such widget) gives a 404 problem whose detail names the id"""
    response = client.get(f"{URL}/{MISSING_ID}")
    body = problem(response, 404, logged=logged,
                   help="Raise your own NotFound (an APIError) from the view when the store has "
                        "no such id.")
    expect(response).that(
        str(MISSING_ID) in body["detail"],
        f"a detail that names the widget that was asked for ({MISSING_ID})",
        got=f'"detail": {show_json(body["detail"])}',
        help="detail is about this occurrence, for a human: \"There is no widget with id 999.\"")


def test_id_that_is_not_an_integer_is_a_404_problem(client, logged):
    """GET /widgets/abc or /widgets/1.5 (an id that is no integer) gives a 404 problem"""
    create(client, logged=logged)
    for bad in ("abc", "1.5", "1e3", "-1"):
        problem(client.get(f"{URL}/{bad}"), 404, after=[f"POST {URL} {json.dumps(GOOD)}"],
                logged=logged,
                help="There is no widget with such an id. Let the route take only integers "
                     "(<int:widget_id>), or turn a failed int() into your NotFound: a ValueError "
                     "the view lets escape is a crash, a 500.")


def test_title_is_the_same_for_every_occurrence(client, logged):
    """two missing widgets get the same type and title, and so do two with a negative price"""
    pairs = [
        (404, [lambda: client.get(f"{URL}/998"), lambda: client.get(f"{URL}/{MISSING_ID}")]),
        (422, [lambda: client.post(URL, json={"name": "Gear", "price": -1}),
               lambda: client.post(URL, json={"name": "Cog", "price": -7})]),
    ]
    for status, (send_first, send_second) in pairs:
        first = send_first()
        one = problem(first, status, logged=logged)
        second = send_second()
        other = problem(second, status, logged=logged)
        for key in ("type", "title"):
            expect(second, after=[first]).that(
                one[key] == other[key],
                f"the same {key} as the first request got: {show_json(one[key])}",
                got=f'"{key}": {show_json(other[key])}',
                help="type and title name the kind of problem, and stay the same from one "
                     "occurrence to the next; what differs (which widget, which value) goes in "
                     "detail.")


def test_invalid_widget_is_a_422_problem(client, logged):
    """no name, or a negative or non-numeric price: a 422 problem whose detail names the field"""
    cases = [({"price": 2.5}, "name")]
    cases += [({"name": blank, "price": 2.5}, "name") for blank in ("", "   ", "\t\n", None)]
    cases += [({"name": "Sprocket"}, "price")]
    cases += [({"name": "Sprocket", "price": bad}, "price")
              for bad in (-1, -0.01, "cheap", None, True, False, [2.5], {"value": 2.5})]
    for body, field in cases:
        response = client.post(URL, json=body)
        problem_body = problem(response, 422, logged=logged,
                               help="The JSON parsed, but what it says is not a valid widget: "
                                    "that is 422 Unprocessable Content, raised as your "
                                    "ValidationError."
                               if response.status_code in (400, 201) else None)
        expect(response).that(
            field in problem_body["detail"].lower(),
            f"a detail that names the field {field}",
            got=f'"detail": {show_json(problem_body["detail"])}',
            help="detail is what a human reads: say which field is wrong there (\"Invalid "
                 "widget: price must not be negative.\"), even when an errors member lists the "
                 "fields for a program.")


def test_price_of_401_digits_is_accepted(client, logged):
    """an integer price of 401 digits is accepted (201): it is a number, and not negative"""
    body = {"name": "Heirloom", "price": 10 ** 400}
    response = client.post(URL, json=body)
    advice = ("JSON sets no limit on the size of a number, and Python reads this one as an int. "
              "math.isfinite() turns it into a float first and raises OverflowError: only a "
              "float can be NaN or infinite, so ask only floats.")
    crashed = crash_help(logged)
    expect(response).status(201, help=f"{crashed} {advice}" if crashed else advice).json_includes(body)


def test_too_many_writes_is_a_429_problem(clock, make_app):
    """with WRITES_PER_MINUTE 2, the third POST /widgets within a minute gives a 429 problem"""
    client = make_app(WRITES_PER_MINUTE=2).test_client()
    for n in (1, 2):
        response = client.post(URL, json=GOOD)
        expect(response, after=["the app is built with WRITES_PER_MINUTE = 2"]).that(
            response.status_code == 201,
            f"status 201 for write {n} of the 2 allowed in a minute",
            help="Refuse a write only when WRITES_PER_MINUTE of them are already counted.")
    response = client.post(URL, json=GOOD)
    problem(response, 429, after=[f"the app is built with WRITES_PER_MINUTE = 2; two POST {URL} "
                                  "in the same second, each answered 201"],
            help="Read the limit from app.config[\"WRITES_PER_MINUTE\"] and raise your RateLimited "
                 "(an APIError with status 429) when it is used up.")


def test_price_nan_or_infinity_is_refused(client, logged):
    """a price of NaN or Infinity (not JSON numbers) gives a 422 (or 400) problem, never 201"""
    for word in ("NaN", "Infinity", "-Infinity"):
        response = client.post(URL, data=f'{{"name": "Gear", "price": {word}}}',
                               content_type="application/json")
        problem(response, (422, 400), logged=logged, help=(
            f"Python's JSON parser reads {word} as a float, but it is no price: check "
            "math.isfinite(price) as well as the type.") if response.status_code == 201 else None)


def test_json_that_is_not_an_object_is_a_422_problem(client, logged):
    """JSON that is not an object (a list, a string, a number) gives a 422 problem"""
    for label, body in (("a JSON list", [GOOD]), ("a JSON list of values", ["Sprocket", 2.5]),
                        ("a JSON string", "Sprocket"), ("a JSON number", 7)):
        response = client.post(URL, json=body)
        problem(response, 422, logged=logged, help=(
            f"The body ({label}) parsed, so it is not a 400; it is just not a widget. Check "
            "isinstance(data, dict) before you read its fields."))


# A moment at which a clock minute starts on both clocks, and so does any window of 59, 60 or
# 61 seconds: a limiter whose "minute" is a little off shows it here. (60 * 59 * 61 seconds.)
MINUTE_START = 215_940


def start_of_a_minute(clock):
    """Move the wall and the monotonic clock to 0.1 s after the start of a clock minute."""
    import time
    for now, move in ((time.time(), clock.advance_wall), (time.monotonic(), clock.advance_monotonic)):
        move(MINUTE_START - now % MINUTE_START + 0.1)


def two_writes(make_app, clock):
    """An app with WRITES_PER_MINUTE 2 whose two writes are used up, at the start of a minute."""
    start_of_a_minute(clock)
    client = make_app(WRITES_PER_MINUTE=2).test_client()
    for n in (1, 2):
        response = client.post(URL, json=GOOD)
        expect(response, after=["the app is built with WRITES_PER_MINUTE = 2"]).that(
            response.status_code == 201, f"status 201 for write {n} of the 2 allowed in a minute")
    return client


LIMIT_SETUP = f"the app is built with WRITES_PER_MINUTE = 2; two POST {URL} at the start of a minute, each answered 201"


def test_three_writes_in_one_clock_minute_are_too_many(clock, make_app):
    """with a limit of 2, a third write 59.5 s after two others, in the same clock minute, gives 429"""
    client = two_writes(make_app, clock)
    clock.advance(59.5)
    problem(client.post(URL, json=GOOD), 429, after=[LIMIT_SETUP, "59.5 seconds later"],
            help="Three writes within 60 seconds, all in one clock minute, are more than 2 in a "
                 "minute whichever way you count: a window shorter than 60 s lets this through.")


def test_refused_client_is_accepted_again_after_a_minute(clock, make_app):
    """after a 429, a write 60.5 s, an hour or a day later is accepted again (201)"""
    client = two_writes(make_app, clock)
    refused = client.post(URL, json=GOOD)
    expect(refused, after=[LIMIT_SETUP]).status(429)
    clock.advance(60.5)
    again = client.post(URL, json=GOOD)
    expect(again, after=[LIMIT_SETUP, "a third POST answered 429", "60.5 seconds later"]).status(
        201, help="A limit per minute forgets writes older than a minute: a client refused now "
                  "may write again within 60 s. Does your limiter start a new minute (or drop "
                  "old writes) and reset the count?")
    for later, seconds in (("an hour", 3600), ("a day", 86400)):
        for n in range(3):
            response = client.post(URL, json=GOOD)
            if response.status_code == 429:
                break
        before = [LIMIT_SETUP, "more POST until one answered 429"]
        expect(response, after=before[:1]).status(429)
        clock.advance(seconds)
        again = client.post(URL, json=GOOD)
        expect(again, after=[*before, f"{later} later, to the second"]).status(
            201, help="A clock minute is a date and a time to the minute, not the minute hand "
                      "alone: 12:05 and 13:05 (or 12:05 today and tomorrow) are different "
                      "minutes. Number the minutes from a fixed start, e.g. int(time // 60).")


def test_429_carries_an_honest_retry_after(clock, make_app):
    """the 429 carries Retry-After (whole seconds, 1 to 60), and a write that much later is accepted"""
    start_of_a_minute(clock)
    client = make_app(WRITES_PER_MINUTE=2).test_client()
    setup = ["the app is built with WRITES_PER_MINUTE = 2; a POST at the start of a minute",
             "another POST 10 seconds later (each answered 201)", "5.2 seconds later"]
    for wait in (0, 10):
        clock.advance(wait)
        expect(client.post(URL, json=GOOD), after=setup[:1]).status(201)
    clock.advance(5.2)
    refused = client.post(URL, json=GOOD)
    e = expect(refused, after=setup).status(429).header("Retry-After")
    value = refused.headers["Retry-After"].strip()
    e.that(value.isdigit() and 1 <= int(value) <= 60,
           "Retry-After as a whole number of seconds from 1 to 60",
           got=f"Retry-After: {value}",
           help="WriteLimiter.hit() returns the seconds until the next minute: send that, "
                "e.g. headers={\"Retry-After\": str(seconds)}.")
    clock.advance(int(value) + 0.5)
    again = client.post(URL, json=GOOD)
    expect(again, after=[*setup[:2], "5.2 seconds later, a POST answered 429 with "
                         f"Retry-After: {value}", f"{int(value) + 0.5} seconds later"]).status(
        201, help="Retry-After promises the client that a write is accepted after that many "
                  "seconds: the number must be the time left until the limit frees up, rounded "
                  "up to a whole second (math.ceil, not int), and a refused write must not push "
                  "that moment back (do not count it).")


def test_other_clients_have_their_own_count(clock, make_app):
    """each client has its own count: another IP may write, and that does not reset the first"""
    client = two_writes(make_app, clock)
    expect(client.post(URL, json=GOOD), after=[LIMIT_SETUP]).status(429)
    other = client.post(URL, json=GOOD, environ_base={"REMOTE_ADDR": "203.0.113.7"})
    expect(other, after=[LIMIT_SETUP + " from 127.0.0.1", "a third answered 429"]).status(
        201, help="The limit is per client: count writes per request.remote_addr, not for the "
                  "whole app.")
    still = client.post(URL, json=GOOD)
    expect(still, after=[LIMIT_SETUP + " from 127.0.0.1", "a third answered 429",
                         "a write from 203.0.113.7 answered 201"]).status(
        429, help="The other client's write must not reset this client's count: keep every "
                  "client's count of the current minute when you tidy up old ones.")


def test_headers_do_not_make_another_client(clock, make_app):
    """a client refused with 429 is still refused when it sends X-Forwarded-For or X-Real-IP"""
    client = two_writes(make_app, clock)
    for header, value in (("X-Forwarded-For", "198.51.100.1"),
                          ("X-Forwarded-For", "198.51.100.2, 127.0.0.1"),
                          ("X-Real-IP", "198.51.100.3"), ("Forwarded", "for=198.51.100.4")):
        response = client.post(URL, json=GOOD, headers={header: value})
        expect(response, after=[LIMIT_SETUP + " from 127.0.0.1"]).status(
            429, help="A client is its address, request.remote_addr. A header is whatever the "
                      "client chooses to send: one that changes it with every write is never "
                      "refused.")


def test_reads_are_not_limited(clock, make_app):
    """reads are never counted nor refused: GET /widgets and GET /widgets/<id> answer 200"""
    start_of_a_minute(clock)
    client = make_app(WRITES_PER_MINUTE=2).test_client()
    said = "the app is built with WRITES_PER_MINUTE = 2"
    advice = ("Only writes (POST) count against WRITES_PER_MINUTE: count them in the view that "
              "creates a widget, not for every request.")
    for n in range(3):
        expect(client.get(URL), after=[said, f"{n} GET {URL} before"]).status(200, help=advice)
    widgets = []
    for n in (1, 2):
        response = client.post(URL, json=GOOD)
        expect(response, after=[said, f"three GET {URL}"]).status(
            201, help="Reads must not use up the writes allowed. " + advice)
        widgets.append(response.get_json())
    expect(client.post(URL, json=GOOD), after=[said, f"three GET {URL}, two POST {URL}"]).status(429)
    before = [said, f"three GET {URL}, then two POST {URL} (201) and a third (429)"]
    expect(client.get(URL), after=before).status(200, help=advice)
    expect(client.get(f"{URL}/{widgets[0]['id']}"), after=before).status(200, help=advice)


# --------------------------------------------------------------- errors Flask raises for us


def test_broken_json_is_a_400_problem(client, logged):
    """a POST /widgets body marked as JSON that does not parse gives a 400 problem"""
    for data in (BROKEN_JSON.encode(), b"", b"name=Sprocket", b'{"name": "\xff\xfe", "price": 1}'):
        response = client.post(URL, data=data, content_type="application/json")
        broken_json_problem(response, logged)


def broken_json_problem(response, logged):
    __tracebackhide__ = True
    problem(response, 400, logged=logged,
            help="A body that does not even parse is 400 Bad Request (422 is for JSON that parsed "
                 "but is not a valid widget). request.get_json() raises exactly that BadRequest: "
                 "let it, and handle HTTPException."
            if response.status_code == 422 else HANDLER_HELP)


def test_body_not_sent_as_json_is_a_415_or_400_problem(client, logged):
    """a POST /widgets body not sent as JSON (a form, text/plain, none) gives a 415 or 400 problem"""
    for kwargs in ({"data": {"name": "Sprocket", "price": "2.5"}},
                   {"data": json.dumps(GOOD), "content_type": "text/plain"}, {}):
        response = client.post(URL, **kwargs)
        problem(response, (415, 400), logged=logged, help=(
            "request.get_json() raises 415 Unsupported Media Type when the body is not marked "
            "as JSON: let it reach your HTTPException handler.")
            if response.status_code in (201, 422) else HANDLER_HELP)


def test_unknown_url_is_a_404_problem(client, logged):
    """an unknown URL gives a 404 problem, not Flask's HTML page"""
    problem(client.get("/no-such-page"), 404, logged=logged, help=HANDLER_HELP)


def test_wrong_method_is_a_405_problem(client, logged):
    """DELETE /widgets (a method it does not allow) gives a 405 problem"""
    response = client.delete(URL)
    problem(response, 405, logged=logged,
            help="Your handler for Exception caught a 405 and made it a 500. Register one for "
                 "HTTPException as well: Flask calls the most specific handler."
            if response.status_code == 500 else HANDLER_HELP)


def test_405_keeps_the_allow_header(client):
    """the 405 problem still says which methods are allowed (Allow: GET, POST)"""
    response = client.delete(URL)
    e = expect(response).status(405).header("Allow")
    allowed = {m.strip().upper() for m in response.headers["Allow"].split(",")}
    e.that({"GET", "POST"} <= allowed, "an Allow header listing GET and POST",
           got=f"Allow: {response.headers['Allow']}")


# ------------------------------------------------------------------------- real crashes


def test_crash_is_a_500_problem(client, logged):
    """GET /debug/crash (an unexpected exception) gives a 500 problem"""
    problem(crash(client), 500,
            help="An exception that is not an HTTPException needs a handler too: "
                 "@app.errorhandler(Exception), or @app.errorhandler(InternalServerError).")


def test_crash_body_reveals_nothing(client, logged):
    """the 500 body shows no traceback, exception text or file names"""
    response = crash(client)
    e = expect(response).status(500)
    crashes = logged.crashes() or [exc for exc in [e.exception] if exc is not None]
    secrets = ["Traceback", 'File "', ".py\""]
    if crashes:
        exc = crashes[-1]
        secrets.append(type(exc).__name__)
        if len(str(exc)) >= 8:
            secrets.append(str(exc))
    body = response.get_data(as_text=True)
    leaked = [s for s in secrets if s in body]
    e.that(not leaked, "a 500 body that says something went wrong, and nothing about the code",
           got=f"a body containing {' and '.join(repr(s) for s in leaked)}:\n{body[:300]}",
           help="The traceback goes to the log (app.logger.exception), never into the response: "
                "exception text and file names tell an attacker how your code works. Use a fixed "
                "detail such as \"Something went wrong on our side.\"")


def said(record):
    """What a log record says, or why logging could not even build its message."""
    try:
        return repr(record.getMessage()[:120])
    except Exception as exc:
        return (f"a record whose message cannot be built (msg {record.msg!r} with args "
                f"{record.args!r}: {type(exc).__name__}: {exc}), which logging prints as "
                "'--- Logging error ---' without the traceback of the crash")


def test_crash_is_logged_with_its_traceback(client, logged):
    """the unexpected exception is logged at ERROR level with its traceback"""
    response = crash(client)
    expect(response).status(500)
    if logged.crashes():
        return
    errors = logged.errors()
    if errors:
        fail("an ERROR log record carrying the exception (exc_info), so the traceback is logged",
             got="ERROR records without a traceback: "
                 + "; ".join(said(r) for r in errors[-3:]),
             request=expect(response).request,
             help="app.logger.exception(\"...\") inside the handler logs the message and the "
                  "traceback; app.logger.error(str(error)) logs only the message.")
    fail("an ERROR log record with the traceback of the exception",
         got="nothing logged at ERROR level", request=expect(response).request,
         help="A handler for Exception must log before it answers: "
              "app.logger.exception(\"Unhandled exception\"). Otherwise the crash is invisible.")


# ------------------------------------------------------------------------- the one shape


def test_every_error_is_sent_as_problem_json(clock, make_app):
    """every error (400, 404, 405, 422, 429, 500) is sent as application/problem+json"""
    client = make_app(WRITES_PER_MINUTE=1).test_client()
    responses = [
        client.get(f"{URL}/{MISSING_ID}"),
        client.get("/no-such-page"),
        client.delete(URL),
        client.post(URL, json={"price": 2.5}),
        client.post(URL, data=BROKEN_JSON, content_type="application/json"),
        crash(client),
    ]
    for _ in range(3):  # with WRITES_PER_MINUTE = 1, the second write at the latest is refused
        response = client.post(URL, json=GOOD)
        if response.status_code == 429:
            responses.append(response)
            break
    for response in responses:
        e = expect(response)
        e.that(response.status_code >= 400, "an error status")
        e.that(response.mimetype == PROBLEM_JSON,
               f"the content type {PROBLEM_JSON}",
               got=f"status {response.status_code} sent as {response.mimetype or 'no content type'}",
               help="jsonify() says application/json. Set response.content_type = "
                    "\"application/problem+json\" (or pass mimetype=...) in the one function "
                    "that builds every problem response."
               if response.mimetype == "application/json" else HANDLER_HELP)


# ---------------------------------------------------------------- the factory and its config


def test_crash_route_follows_config(make_app):
    """with CRASH_ROUTE False (as in production) GET /debug/crash is a 404 problem"""
    client = make_app(CRASH_ROUTE=False).test_client()
    problem(crash(client), 404, after=["the app is built by create_app({..., \"CRASH_ROUTE\": False})"],
            help="Merge the mapping given to create_app into app.config before you decide which "
                 "routes to register, or look at current_app.config in the view.")


def test_two_apps_do_not_share_widgets(client, make_app, logged):
    """two apps built by create_app() do not share their widgets"""
    widget = create(client, logged=logged)
    other = make_app(reimport=False).test_client()
    before = [f"POST {URL} {json.dumps(GOOD)} to the first app (answered 201)",
              "a second app is built by create_app(config)"]
    listing = other.get(URL)
    items = expect(listing, after=before).status(200).json()
    expect(listing, after=before).that(
        items == [] or items == {},
        "an empty list from the second app: it has no widgets yet",
        got=f"{show_json(items)[:300]}",
        help="The widgets live in a module-level variable, so every app create_app() builds "
             "shares them: one test's data leaks into the next. Create the store inside "
             "create_app and keep it on the app, e.g. app.extensions[\"widgets\"].")
    problem(other.get(f"{URL}/{widget['id']}"), 404, after=before)


def test_two_apps_do_not_share_write_counts(clock, make_app):
    """two apps from create_app() have their own write counts and their own limits"""
    first = two_writes(make_app, clock)
    expect(first.post(URL, json=GOOD), after=[LIMIT_SETUP]).status(429)
    second = make_app(reimport=False, WRITES_PER_MINUTE=3).test_client()
    said = [LIMIT_SETUP + ", and a third answered 429",
            "a second app is built by create_app() with WRITES_PER_MINUTE = 3"]
    advice = ("Each app needs its own limiter, built in init_app from that app's "
              "WRITES_PER_MINUTE and kept on the app (app.extensions), like the store: a limiter "
              "in a module global is shared by every app, with the first app's limit.")
    for n in (1, 2, 3):
        expect(second.post(URL, json=GOOD), after=[*said, f"{n - 1} POST to the second app"]).status(
            201, help=advice)
    expect(second.post(URL, json=GOOD), after=[*said, "three POST to the second app"]).status(
        429, help=advice)
    expect(first.post(URL, json=GOOD), after=[*said, "four POST to the second app",
                                              "one more POST to the first app"]).status(
        429, help=advice)


def test_create_app_applies_its_config(app):
    """create_app() works with no config, and create_app({"TESTING": True}) gives a testing app"""
    factory = learner_factory()
    try:
        plain = factory()
    except Exception as exc:
        fail("create_app() with no argument to build an app from the defaults in your config class",
             got=learner.describe_exception(exc, prefix="it raised"),
             help="flask run, flaskcourse serve and gunicorn all call create_app() with nothing: "
                  "every key your app reads needs a default in Config.")
    if plain.testing:
        fail("create_app() to give an app that is not in testing mode",
             got="app.testing is True", help="TESTING belongs in TestConfig, not in Config.")
    response = plain.test_client().get(URL)
    if response.status_code != 200:
        fail("GET /widgets answered 200 by the app create_app() builds with no config",
             got=f"status {response.status_code}")
    testing = factory({"TESTING": True})
    if not testing.testing:
        fail('create_app({"TESTING": True}) to give an app with app.testing True',
             got="app.testing is False",
             help="Load the defaults first (app.config.from_object(Config)), then lay the mapping "
                  "on top: app.config.from_mapping(config) or app.config.update(config).")


def factory_under(monkeypatch, app_env):
    """The learner's create_app, imported afresh with APP_ENV set (or unset)."""
    if app_env is None:
        monkeypatch.delenv("APP_ENV", raising=False)
    else:
        monkeypatch.setenv("APP_ENV", app_env)
    learner.import_entry_module()
    return learner_factory()


def build(factory, app_env):
    __tracebackhide__ = True
    try:
        return factory()
    except Exception as exc:
        fail(f"create_app() to build an app with APP_ENV={app_env or '(unset)'}",
             got=learner.describe_exception(exc, prefix="it raised"),
             help="Pick the config class from os.environ.get(\"APP_ENV\"): production -> "
                  "ProductionConfig, testing -> TestConfig, nothing -> Config.")


def test_default_config_is_the_development_one(monkeypatch, clock, app):
    """create_app() with no APP_ENV: the crash route is on and the limit is 30 writes a minute"""
    plain = build(factory_under(monkeypatch, None), None)
    plain.config["PROPAGATE_EXCEPTIONS"] = False
    client = plain.test_client()
    said = "the app is built by create_app() with no argument and no APP_ENV"
    expect(client.get("/debug/crash"), after=[said]).status(
        500, help="Config holds the development defaults: CRASH_ROUTE = True.")
    start_of_a_minute(clock)
    for n in range(1, 31):
        response = client.post(URL, json={"name": f"Widget {n}", "price": 1})
        if response.status_code != 201:
            expect(response, after=[said, f"{n - 1} POST {URL} in the same second, each 201"]).status(
                201, help="Config holds the development defaults: WRITES_PER_MINUTE = 30.")
    expect(client.post(URL, json=GOOD), after=[said, f"30 POST {URL} in the same second"]).status(
        429, help="Config holds the development defaults: WRITES_PER_MINUTE = 30, so the 31st "
                  "write within a minute is refused.")


def test_app_env_production_has_no_crash_route(monkeypatch, app):
    """with APP_ENV=production, create_app() has no /debug/crash (404)"""
    built = build(factory_under(monkeypatch, "production"), "production")
    response = built.test_client().get("/debug/crash")
    expect(response, after=["the app is built by create_app() with APP_ENV=production"]).status(
        404, help="ProductionConfig sets CRASH_ROUTE = False: production does not offer strangers "
                  "a way to fill your logs. Pick the class from os.environ.get(\"APP_ENV\").")


def test_app_env_is_read_when_create_app_is_called(monkeypatch, app):
    """APP_ENV set after app.py was imported still picks the config class create_app() uses"""
    factory = factory_under(monkeypatch, None)
    monkeypatch.setenv("APP_ENV", "production")
    said = "app.py is imported with no APP_ENV; then APP_ENV=production is set"
    advice = ("Read os.environ.get(\"APP_ENV\") inside create_app, each time it is called, "
              "not once at import into a module-level constant.")
    built = build(factory, "production")
    expect(built.test_client().get("/debug/crash"),
           after=[said, "the app is built by create_app()"]).status(404, help=advice)
    monkeypatch.setenv("APP_ENV", "testing")
    built = build(factory, "testing")
    if not built.testing:
        fail("an app in testing mode (APP_ENV=testing picks TestConfig)", got="app.testing is False",
             request="app.py is imported with no APP_ENV; then APP_ENV=testing is set, and the app "
                     "is built by create_app()", help=advice)


def test_app_env_testing_uses_test_config(monkeypatch, clock, app):
    """with APP_ENV=testing, create_app() is in testing mode with a limit of 2 writes a minute"""
    built = build(factory_under(monkeypatch, "testing"), "testing")
    said = "the app is built by create_app() with APP_ENV=testing"
    if not built.testing:
        fail("an app in testing mode (TestConfig sets TESTING = True)", got="app.testing is False",
             request=said, help="Pick the class from os.environ.get(\"APP_ENV\"): testing -> TestConfig.")
    start_of_a_minute(clock)
    client = built.test_client()
    for n in (1, 2):
        expect(client.post(URL, json=GOOD), after=[said]).status(
            201, help="TestConfig allows WRITES_PER_MINUTE = 2 writes a minute.")
    expect(client.post(URL, json=GOOD), after=[said, f"two POST {URL}, each 201"]).status(
        429, help="TestConfig sets WRITES_PER_MINUTE = 2: the third write within a minute is refused.")
