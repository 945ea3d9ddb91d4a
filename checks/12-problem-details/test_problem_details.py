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
    """Expect a problem-details body with this status; return it."""
    __tracebackhide__ = True
    e = expect(response, after=after)
    unexpected_500 = response.status_code == 500 and status != 500
    e.status(status, help=crash_help(logged) if unexpected_500 else help)
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
    """a created widget is served by GET /widgets/<id> and listed by GET /widgets"""
    widget = create(client, logged=logged)
    shown = f"POST {URL} {json.dumps(GOOD)}"
    one = client.get(f"{URL}/{widget['id']}")
    expect(one, after=[shown]).status(200, help=crash_help(logged)).json_includes(GOOD)
    listing = client.get(URL)
    items = expect(listing, after=[shown]).status(200, help=crash_help(logged)).json()
    expect(listing, after=[shown]).that(
        isinstance(items, list) and any(isinstance(i, dict) and i.get("id") == widget["id"]
                                        for i in items),
        "a JSON list of widgets that includes the one just created")


# ----------------------------------------------------------------- errors the API raises itself


def test_unknown_widget_is_a_404_problem(client, logged):
    """GET /widgets/999 (no such widget) gives a 404 problem whose detail names the id"""
    response = client.get(f"{URL}/{MISSING_ID}")
    problem(response, 404, logged=logged,
            help="Raise your own NotFound (an APIError) from the view when the store has no such id.")
    expect(response).that(
        str(MISSING_ID) in response.get_data(as_text=True),
        f"a detail that names the widget that was asked for ({MISSING_ID})",
        help="detail is about this occurrence: \"There is no widget with id 999.\"")


def test_invalid_widget_is_a_422_problem(client, logged):
    """a widget without a name, or with a negative or non-numeric price, gives a 422 problem naming the field"""
    cases = [
        ({"price": 2.5}, "name"),
        ({"name": "   ", "price": 2.5}, "name"),
        ({"name": "Sprocket", "price": -1}, "price"),
        ({"name": "Sprocket", "price": "cheap"}, "price"),
    ]
    for body, field in cases:
        response = client.post(URL, json=body)
        problem(response, 422, logged=logged,
                help="The JSON parsed, but what it says is not a valid widget: that is 422 "
                     "Unprocessable Content, raised as your ValidationError."
                if response.status_code in (400, 201) else None)
        expect(response).mentions(field)


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


# --------------------------------------------------------------- errors Flask raises for us


def test_broken_json_is_a_400_problem(client, logged):
    """a POST /widgets body that is not valid JSON gives a 400 problem"""
    response = client.post(URL, data=BROKEN_JSON, content_type="application/json")
    problem(response, 400, logged=logged,
            help="A body that does not even parse is 400 Bad Request (422 is for JSON that parsed "
                 "but is not a valid widget). request.get_json() raises exactly that BadRequest: "
                 "let it, and handle HTTPException."
            if response.status_code == 422 else HANDLER_HELP)


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
                 + "; ".join(repr(r.getMessage()[:120]) for r in errors[-3:]),
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
