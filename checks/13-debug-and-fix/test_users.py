"""Lesson 13: the broken users API, repaired. Each check is one bug of the starter.

Every check gets its own temporary SQLite file in config["DATABASE"] (and the same file in
SQLALCHEMY_DATABASE_URI, for a Flask-SQLAlchemy repair), so the checks start from an empty table.
"""

import collections
import sqlite3
import sys
import threading
import types
from urllib.parse import urlsplit

from flaskcourse.checking import expect, fail, learner, show_json
from flaskcourse.checking.expect import names_word
from flaskcourse.checking.payloads import bad_bodies, bad_fields
from flaskcourse.checking.races import interleave

ADA = {"name": "Ada Lovelace", "email": "ada@example.com"}
GRACE = {"name": "Grace Hopper", "email": "grace@example.com"}
CREATED_ADA = f"POST /users {show_json(ADA)} (answered with the new user)"

THREAD_TIMEOUT = 3  # seconds: far longer than two tiny requests take, well inside a check's limit


# ---------------------------------------------------------------------------------- helpers


def create(client, user, *, strict=False):
    """POST a user; return (expectation, body). Unless strict, any 2xx with the user will do:
    checks about other bugs should not fail because the status is still 200."""
    __tracebackhide__ = True
    response = client.post("/users", json=user)
    e = expect(response)
    if strict:
        e.status(201)
    else:
        e.status(200, 201, help="This check needs creating a user to work first.")
    return e, response


def user_id_from(e, response, user):
    """The id of the user a POST created, from its body or its Location header."""
    __tracebackhide__ = True
    body = response.get_json(silent=True)
    if isinstance(body, dict) and isinstance(body.get("id"), int) and not isinstance(body["id"], bool):
        return body["id"]
    location = response.headers.get("Location", "")
    last = urlsplit(location).path.rstrip("/").rpartition("/")[2]
    if last.isdigit():
        return int(last)
    e.fail(f"the created user with its id, e.g. {show_json({'id': 1, **user})}",
           help="This check needs the id of the new user: return the user, id included, from "
                "POST /users.")


def listed(client, after=()):
    """GET /users; return the expectation and the list."""
    __tracebackhide__ = True
    e = expect(client.get("/users"), after=after).status(200)
    users = e.json()
    e.that(isinstance(users, list), "a JSON list of users")
    return e, users


def is_user(item, user):
    return (isinstance(item, dict) and item.get("name") == user["name"]
            and item.get("email") == user["email"])


def emails_in(users):
    """The emails of a list of users. Rows sent as arrays count here too: the shape of the list
    is test_list_returns_objects_with_id_name_email's business, not every check's."""
    found = []
    for item in users:
        if isinstance(item, dict):
            found.append(item.get("email"))
        elif isinstance(item, list):
            found.extend(v for v in item if isinstance(v, str) and "@" in v)
    return sorted(e for e in found if e is not None)


def invalid_post(client, body, field, label=None, help=None, **kwargs):
    """POST a user with something wrong with ``field``: a 422 JSON error naming it."""
    __tracebackhide__ = True
    response = client.post("/users", json=body, **kwargs)
    e = expect(response, after=[f"({label})"] if label else ())
    e.status(422, help=help if response.status_code != 500 else
             'data["..."] on a field that is not there raises KeyError: a 500. Look before you '
             "use: data.get(...), and answer 422 when it is missing or empty.")
    e.json_error(422)
    e.that(names_word(response.get_data(as_text=True), field),
           f"a JSON error that names the field {field!r}, so the client knows what to fix",
           help=f'e.g. {{"error": "{field} is required", "field": "{field}"}}')
    return e


# ------------------------------------------------------------------------------- the list


def test_list_returns_objects_with_id_name_email(client):
    """GET /users lists each user as an object with id, name and email (not an array)"""
    create(client, ADA)
    create(client, GRACE)
    e, users = listed(client, after=[CREATED_ADA, "POST /users for Grace"])
    if users and all(isinstance(u, list) for u in users):
        e.fail("a list of objects like {\"id\": 1, \"name\": \"Ada Lovelace\", \"email\": "
               "\"ada@example.com\"}",
               help="fetchall() gives rows, and jsonify turns each row into an array: the client "
                    "cannot tell which value is the name. Turn each row into a dict (dict(row) "
                    "with conn.row_factory = sqlite3.Row, or {\"id\": row[0], ...}).")
    e.that(len(users) == 2 and all(isinstance(u, dict) for u in users),
           "a list of two objects, one per user created")
    for user in (ADA, GRACE):
        match = [u for u in users if is_user(u, user)]
        e.that(len(match) == 1 and isinstance(match[0].get("id"), int),
               f"an object with an integer id, name {user['name']!r} and email {user['email']!r}")


# ---------------------------------------------------------------------------- create


def test_create_answers_201_with_the_new_user(client):
    """POST /users answers 201 Created with the new user (id, name, email)"""
    e, response = create(client, ADA, strict=True)
    body = e.json_object()
    e.that(is_user(body, ADA) and isinstance(body.get("id"), int) and not isinstance(body["id"], bool),
           f"the new user as an object, e.g. {show_json({'id': 1, **ADA})}",
           help='{"created": true} tells the client nothing it can use: send the user back, '
                "with the id the database gave it.")


def test_second_user_with_a_taken_name_gets_its_own_id(client):
    """a second user with a name already taken answers with that new user and an id of its own"""
    e, response = create(client, ADA)
    first_id = user_id_from(e, response, ADA)
    namesake = {"name": ADA["name"], "email": "ada.second@example.com"}
    e, response = create(client, namesake)
    e = expect(response, after=[CREATED_ADA + f" with id {first_id}"])
    body = e.json_object()
    new_id = body.get("id")
    e.that(is_user(body, namesake) and isinstance(new_id, int) and not isinstance(new_id, bool)
           and new_id != first_id,
           f"the new user, with an id other than {first_id}, e.g. "
           f"{show_json({'id': first_id + 1, **namesake})}",
           help="Only the email is unique: two users may share a name. Answer with the row the "
                "INSERT made (cursor.lastrowid is its id), not with one looked up by name.")
    # The list must have both: the answer above is the user really stored under that id.
    e, users = listed(client, after=[CREATED_ADA, f"POST /users {show_json(namesake)}"])
    e.that(emails_in(users) == sorted([ADA["email"], namesake["email"]]),
           "both users in the list", got=show_json(users))
    e = expect(client.get(f"/users/{new_id}"), after=[
        CREATED_ADA, f"POST /users {show_json(namesake)} answered with id {new_id}"])
    e.status(200)
    e.that(is_user(e.json_object(), namesake), f"the second user, {namesake['email']}",
           help="The id POST answers must be the one the database gave the new row.")


def test_create_sets_location_to_the_new_user(client):
    """POST /users sends a Location header pointing at /users/<id> of the new user"""
    e, response = create(client, ADA)
    e.header("Location")
    new_id = user_id_from(e, response, ADA)
    path = urlsplit(response.headers["Location"]).path
    e.that(path == f"/users/{new_id}",
           f"Location: /users/{new_id} (the URL of the user just created)",
           got=f"Location: {response.headers['Location']}",
           help='return jsonify(user), 201, {"Location": url_for("get_user", user_id=...)}')


def test_location_leads_to_the_same_user(client):
    """following the Location of a new user (GET) gives 200 and the very user POST answered"""
    e, response = create(client, ADA)
    e.header("Location")
    location = response.headers["Location"]
    got = client.get(urlsplit(location).path)
    e2 = expect(got, after=[CREATED_ADA + f", Location: {location}"]).status(200)
    body = e2.json_object()
    e2.that(is_user(body, ADA), f"the user created, e.g. {show_json({'id': 1, **ADA})}")
    created = response.get_json(silent=True)
    if isinstance(created, dict):
        e2.that(body == created, f"the very same object POST answered: {show_json(created)}")
    # A name sent with spaces around it: whether the app strips it or not, POST must answer the
    # user as it was stored, the one GET shows.
    padded = {"name": f"  {GRACE['name']}  ", "email": GRACE["email"]}
    e, response = create(client, padded)
    e.header("Location")
    location = response.headers["Location"]
    created = e.json_object()
    got = client.get(urlsplit(location).path)
    e2 = expect(got, after=[f"POST /users {show_json(padded)}, answered {show_json(created)} "
                            f"with Location: {location}"]).status(200)
    body = e2.json_object()
    e2.that(body == created, f"the very same object POST answered: {show_json(created)}",
            help="Answer POST with the user as it was stored (read it back, or build the body "
                 "from the values you inserted), not with the request's own values: if you strip "
                 "the name before the INSERT, the body must carry the stripped name too.")


# ------------------------------------------------------------------------------ validation


def nothing_stored(client, label):
    __tracebackhide__ = True
    e, users = listed(client, after=[f"POST /users with {label} (refused)"])
    e.that(users == [], "no user stored: a refused user must not be saved", got=show_json(users))


def refuse_each(client, field, kinds):
    """Every bad value of ``field`` of the given kinds: 422 naming it, and nothing stored."""
    __tracebackhide__ = True
    for label, kwargs in bad_fields(ADA, field, kinds=kinds):
        invalid_post(client, kwargs["json"], field, label=label)
    nothing_stored(client, f"each bad {field}")


def test_missing_name_gives_422_naming_it(client):
    """a new user without a name (or an empty or blank one) gets 422 with a JSON error that names "name\""""
    refuse_each(client, "name", ("missing", "empty"))


def test_missing_email_gives_422_naming_it(client):
    """a new user without an email (or an empty or blank one) gets 422 with a JSON error that names "email\""""
    refuse_each(client, "email", ("missing", "empty"))


def test_field_that_is_not_a_string_gives_422_naming_it(client):
    """a name or email that is not a string (42, null, true, a list) gets 422 naming the field"""
    for field in ("name", "email"):
        refuse_each(client, field, ("not_a_string",))


def test_malformed_email_gives_422_naming_it(client):
    """an email with no @, nothing before it or no dot after it gets 422 naming "email\""""
    for bad in ("ada.example.com", "@example.com", "ada@", "ada@example"):
        invalid_post(client, {"name": ADA["name"], "email": bad}, "email", help=(
            "An email needs something before the @, and a domain with a dot after it: "
            "\"something, an @, something with a dot\"."))
        e, users = listed(client, after=[f"POST /users with the email {bad!r} (refused)"])
        e.that(users == [], "no user stored: the refused email must not be saved",
               got=f"{show_json(users)}")


def test_body_that_is_not_json_gets_a_json_error(client):
    """a body that is not a JSON object (none, broken, a list, a form, text) gets a 400, 415 or 422 JSON error"""
    for label, kwargs in bad_bodies(ADA):
        response = client.post("/users", **kwargs)
        expect(response).status(400, 415, 422, help=(
            "request.json is None (or raises) for a body that is not JSON, and a JSON list has "
            "no .get or [\"name\"]. Read it with request.get_json(silent=True) and answer 422 "
            "unless it is a dict.") if response.status_code == 500 else None)
        expect(response).json_error(400, 415, 422, help=(
            f"({label}) That is Flask's own HTML error page. Use request.get_json(silent=True), "
            "or register an error handler that answers JSON."))
    nothing_stored(client, "each body that is not a JSON object")


def test_wrong_method_gives_json_405(client):
    """a wrong method (PUT /users/1, PATCH /users) gets 405 as JSON, not an HTML page"""
    e, response = create(client, ADA)
    new_id = user_id_from(e, response, ADA)
    for method, path in (("PUT", f"/users/{new_id}"), ("PATCH", "/users")):
        expect(client.open(path, method=method), after=[CREATED_ADA]).json_error(405, help=(
            "Every error is JSON, Flask's own too: register one handler for HTTPException "
            "(from werkzeug.exceptions), not only for 404."))


# ------------------------------------------------------------------------------ duplicates


class RacingConnection(sqlite3.Connection):
    """A connection that, just before the app's INSERT INTO users, lets "another request"
    insert the same email through a connection of its own (as a second server thread would);
    and right after any INSERT, calls WRITES.inserted(), where a check can hold the request."""

    race = None  # (path, email) while armed

    def execute(self, sql, *args, **kwargs):
        _before(sql)
        result = super().execute(sql, *args, **kwargs)
        _after(sql)
        return result

    def cursor(self, factory=None):
        return super().cursor(factory or RacingCursor)


class RacingCursor(sqlite3.Cursor):
    def execute(self, sql, *args, **kwargs):
        _before(sql)
        result = super().execute(sql, *args, **kwargs)
        _after(sql)
        return result


REAL_CONNECT = sqlite3.connect


def _before(sql):
    words = " ".join(str(sql).upper().split())
    if RacingConnection.race and words.startswith("INSERT") and "USERS" in words:
        path, email = RacingConnection.race
        RacingConnection.race = None
        other = REAL_CONNECT(path)
        try:
            other.execute("INSERT INTO users (name, email) VALUES (?, ?)", ("Ada Twin", email))
            other.commit()
        finally:
            other.close()


# The pause point of test_a_request_never_sees_another_ones_uncommitted_user (races.interleave).
WRITES = types.SimpleNamespace(inserted=lambda: None)


def _after(sql):
    if str(sql).lstrip().upper().startswith("INSERT"):
        WRITES.inserted()


def racing_connections(monkeypatch):
    """From now on, sqlite3.connect (however the app or its library reaches it) makes
    RacingConnections. Call it before the app is built."""
    def connect(*args, **kwargs):
        kwargs.setdefault("factory", RacingConnection)
        return REAL_CONNECT(*args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", connect)
    monkeypatch.setattr(sqlite3.dbapi2, "connect", connect)


def test_duplicate_racing_the_insert_gives_409(make_app, config, monkeypatch):
    """a duplicate that arrives between your check and your INSERT still gets 409, not a 500"""
    racing_connections(monkeypatch)
    client = make_app().test_client()
    RacingConnection.race = (config["DATABASE"], ADA["email"])
    try:
        response = client.post("/users", json=ADA)
    finally:
        raced = RacingConnection.race is None
        RacingConnection.race = None
    if not raced:
        return  # the app never ran an INSERT through sqlite3 itself: nothing to race here
    e = expect(response, after=["(another request inserts ada@example.com just before this "
                                "request's INSERT, after any check it made first)"])
    e.status(409, help=(
        "Looking first with a SELECT is not enough: another request can insert the same email "
        "between your SELECT and your INSERT. Catch sqlite3.IntegrityError around the INSERT "
        "(roll back) and answer 409.") if response.status_code == 500 else None)
    e.json_error(409)


def test_duplicate_email_gives_409(client):
    """creating a second user with an email already taken gets 409 with a JSON error"""
    create(client, ADA)
    response = client.post("/users", json={"name": "Another Ada", "email": ADA["email"]})
    e = expect(response, after=[CREATED_ADA])
    e.status(409, help=(
        "The UNIQUE constraint on email raised sqlite3.IntegrityError (or SQLAlchemy's "
        "IntegrityError) and nothing caught it. Catch it and answer 409 Conflict.")
        if response.status_code == 500 else None)
    e.json_error(409)


def test_api_keeps_working_after_a_duplicate(client):
    """after a refused duplicate, new users can still be created and the list is right"""
    create(client, ADA)
    client.post("/users", json={"name": "Another Ada", "email": ADA["email"]})
    steps = [CREATED_ADA, "POST /users with Ada's email again (refused)"]
    response = client.post("/users", json=GRACE)
    expect(response, after=steps).status(200, 201, help=(
        "After an error inside a transaction, roll it back (db.rollback(), or "
        "db.session.rollback()) before the connection or session is used again.")
        if response.status_code == 500 else None)
    e, users = listed(client, after=steps + ["POST /users for Grace"])
    e.that(emails_in(users) == sorted([ADA["email"], GRACE["email"]]),
           "exactly two users, Ada and Grace (the duplicate was not stored)",
           got=show_json(users))


# ---------------------------------------------------------------------------------- delete


def test_delete_answers_204_with_an_empty_body(client):
    """DELETE /users/<id> answers 204 No Content with an empty body, not labelled as JSON"""
    e, response = create(client, ADA)
    new_id = user_id_from(e, response, ADA)
    deleted = client.delete(f"/users/{new_id}")
    e = expect(deleted, after=[CREATED_ADA]).status(204, help=(
        "A DELETE that worked has nothing left to show: answer 204 No Content, with no body.")
        if deleted.status_code == 200 else None)
    e.that(deleted.get_data() == b"", "an empty body (204 means no content: not even {})",
           got=f"a body of {len(deleted.get_data())} bytes: {deleted.get_data(as_text=True)[:120]}",
           help='return "", 204')
    e.that("json" not in (deleted.mimetype or ""),
           "no Content-Type: application/json (a 204 has no JSON to describe)",
           got=f"Content-Type: {deleted.headers.get('Content-Type')}",
           help='jsonify(...) with 204: Werkzeug drops the body, but the response still claims '
                'to be JSON. Say what you mean: return "", 204')


def test_deleted_user_is_gone(client):
    """after DELETE the user is gone: GET /users/<id> is 404 and the list no longer has it"""
    e, response = create(client, ADA)
    create(client, GRACE)
    new_id = user_id_from(e, response, ADA)
    client.delete(f"/users/{new_id}")
    steps = [CREATED_ADA, "POST /users for Grace", f"DELETE /users/{new_id}"]
    expect(client.get(f"/users/{new_id}"), after=steps).status(404)
    e, users = listed(client, after=steps)
    e.that(emails_in(users) == [GRACE["email"]],
           "the list without Ada, and Grace still in it", got=show_json(users))


# --------------------------------------------------------------------------------- unknown


def test_unknown_user_gives_404_json(client):
    """GET and DELETE of a user that does not exist get 404 with a JSON error"""
    create(client, ADA)
    for method in ("get", "delete"):
        response = getattr(client, method)("/users/9999")
        expect(response, after=[CREATED_ADA]).status(404, help=(
            "fetchone() gives None for a missing row, and jsonify(None) is a 200 with null; "
            "a DELETE that removed nothing (cursor.rowcount == 0) removed no user. Answer 404.")
            if response.status_code in (200, 204) else None)
        expect(response, after=[CREATED_ADA]).json_error(404)


# ---------------------------------------------------------------------------------- threads


def test_requests_from_two_threads_both_succeed(app):
    """two clients in two threads at once both get answers (no connection shared across threads)"""
    barrier = threading.Barrier(2, timeout=THREAD_TIMEOUT)
    results = {}

    def work(key, user):
        client = app.test_client()
        try:
            barrier.wait()
            created = client.post("/users", json=user)
            # A second round, after both threads have been through the app once: a connection
            # opened lazily by whichever thread came first is now certainly shared.
            barrier.wait()
            results[key] = (created, client.get("/users"))
        except BaseException as exc:  # reported below, not lost in the thread
            results[key] = exc

    threads = [threading.Thread(target=work, args=(key, user), daemon=True)
               for key, user in (("first", ADA), ("second", GRACE))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(THREAD_TIMEOUT)
    if any(thread.is_alive() for thread in threads) or len(results) < 2:
        fail("both threads to finish their requests within a few seconds",
             got="a thread was still waiting: the app may be blocked on a lock",
             request="POST /users and GET /users from two threads at the same time")
    for key, outcome in results.items():
        if isinstance(outcome, BaseException):
            fail("both threads to get an answer",
                 got=f"the {key} thread raised {type(outcome).__name__}: {outcome}",
                 request="POST /users and GET /users from two threads at the same time")
        created, listing = outcome
        thread_help = (
            "sqlite3 refuses to let a thread use a connection another thread opened "
            "(\"SQLite objects created in a thread can only be used in that same thread\"), and a "
            "real server answers each request in its own thread. Open one connection per request: "
            "keep it in flask.g and close it in a teardown_appcontext function.")
        for response in (created, listing):
            e = expect(response, after=[f"(in the {key} of two threads, each with its own test "
                                        "client, started together)"])
            e.status(200, 201, help=thread_help if response.status_code == 500 else None)


def test_a_request_never_sees_another_ones_uncommitted_user(make_app, config, monkeypatch):
    """two requests at once never share a connection: none sees another's uncommitted user"""
    racing_connections(monkeypatch)
    app = make_app()
    held = ("(POST /users for Grace, in another thread, has run its INSERT and is held there, "
            "before its commit)")

    def second():
        listing = app.test_client().get("/users")
        return listing, GRACE["email"] in emails_stored_in(config["DATABASE"])

    race = interleave(lambda: app.test_client().post("/users", json=GRACE), second,
                      pause_in=(WRITES, "inserted"), wait=THREAD_TIMEOUT)
    if not race.held:
        return  # no INSERT went through sqlite3 in the first request: nothing to hold
    for outcome, name in ((race.second, "GET /users"), (race.first, "POST /users for Grace")):
        if outcome is None or isinstance(outcome, BaseException):
            fail("both requests to get an answer",
                 got=f"{name} raised {outcome!r}" if outcome else f"{name} did not finish",
                 request="POST /users for Grace and GET /users, from two threads")
    listing, committed = race.second
    e = expect(listing, after=[held]).status(200)
    users = e.json()
    if not committed:
        e.that(isinstance(users, list) and GRACE["email"] not in emails_in(users),
               "a list without Grace: her INSERT is not committed yet, so no other request may "
               "see it (it could still be rolled back)",
               got=show_json(users),
               help="This request saw the other one's transaction: both used the same connection. "
                    "A connection kept on the app (or anywhere else that outlives a request) is "
                    "shared by every request of that app, so one request's rollback throws away "
                    "another's work. Open one connection per request, in flask.g.")
    expect(race.first, after=["(a GET /users ran, in another thread, between this request's "
                              "INSERT and its commit)"]).status(200, 201)


def _connections_in(value, where, depth, seen):
    """Where a connection is kept in ``value`` (a module global): itself, or inside a dict, a
    list, a threading.local or an object of the learner's own class, a few levels down."""
    if isinstance(value, sqlite3.Connection):
        yield where
        return
    if depth == 0 or id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, dict):
        items = [(f"{where}[{key!r}]", item) for key, item in list(value.items())]
    elif isinstance(value, (list, tuple, set, frozenset, collections.deque)):
        items = [(f"{where}[{i}]", item) for i, item in enumerate(list(value))]
    elif isinstance(value, threading.local) or _learner_made(value):
        # A threading.local shows this thread's values: the checks' requests ran in it.
        attributes = list(getattr(value, "__dict__", {}).items())
        items = [(f"{where}.{key}", item) for key, item in attributes if not key.startswith("__")]
    else:
        return
    for name, item in items:
        yield from _connections_in(item, name, depth - 1, seen)


def _learner_made(value):
    """A class written in the learner's files, or an object of one."""
    cls = value if isinstance(value, type) else type(value)
    module = sys.modules.get(getattr(cls, "__module__", None) or "")
    filename = getattr(module, "__file__", None)
    return bool(filename) and learner.is_learner_file(filename)


def test_no_sqlite_connection_at_module_level(client):
    """no sqlite3 connection is kept in a module-level variable (or inside one) across requests"""
    listed(client)
    found = []
    for name, module in list(sys.modules.items()):
        filename = getattr(module, "__file__", None)
        if not filename or not learner.is_learner_file(filename):
            continue
        seen = set()
        for var, value in list(vars(module).items()):
            if not var.startswith("__"):
                found.extend(f"{learner.show_path(filename)}: {where}"
                             for where in _connections_in(value, var, 4, seen))
    if found:
        fail("no sqlite3.Connection in a module-level variable, nor inside one (this check looks "
             "at your modules' global variables after a request)",
             got="a connection kept at module level: " + ", ".join(found),
             request="GET /users, then a look at your module's globals",
             help="One connection kept in a global outlives the request: shared by every thread, "
                  "it refuses to be used from any thread but its own (or, with "
                  "check_same_thread=False, mixes the transactions of requests running at once); "
                  "kept per thread, it is never closed and carries one request's transaction into "
                  "the next. Open one per request in flask.g, close it in teardown_appcontext.")


# -------------------------------------------------------------------------------- the file


def test_users_live_in_the_configured_database(client, make_app, tmp_path):
    """users are stored in config["DATABASE"]: a new app on that file sees them, one on another file does not"""
    create(client, ADA)
    again = make_app(reimport=False)
    e, users = listed(again.test_client(), after=[
        CREATED_ADA, "a new app built by create_app(config) on the same DATABASE file"])
    e.that(emails_in(users) == [ADA["email"]],
           "Ada in the list of a new app on the same database file: the data was saved",
           got=show_json(users), help="Commit after writing (conn.commit() or db.session.commit()).")
    other = tmp_path / "other" / "users.db"
    other.parent.mkdir()
    # reimport=False: the same module as the first app, as in one server process
    elsewhere = make_app(reimport=False, DATABASE=str(other),
                         SQLALCHEMY_DATABASE_URI=f"sqlite:///{other}")
    e, users = listed(elsewhere.test_client(), after=[
        CREATED_ADA, f"a new app built by create_app with DATABASE={other}"])
    e.that(users == [],
           "an empty list from an app given another, new database file",
           got=show_json(users),
           help='Read the path from app.config["DATABASE"] after merging the config passed to '
                "create_app, not from a path written in the code.")
    e, users = listed(client, after=[
        CREATED_ADA, f"a second app built by create_app with DATABASE={other}",
        "then, again to the first app"])
    e.that(emails_in(users) == [ADA["email"]],
           "Ada still in the list of the first app: building another app must not move it",
           got=show_json(users),
           help='Each app reads its own app.config["DATABASE"] (through current_app) at request '
                "time; a module-level path is shared by every app and the last one built wins.")


def emails_stored_in(path):
    """Every email-like text in any table of the SQLite file at ``path`` (whatever its schema)."""
    found = set()
    db = REAL_CONNECT(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [row[0] for row in
                  db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            quoted = '"' + table.replace('"', '""') + '"'
            for row in db.execute(f"SELECT * FROM {quoted}"):
                found.update(v for v in row if isinstance(v, str) and "@" in v)
    finally:
        db.close()
    return found


def test_default_database_is_instance_users_db(config, tmp_path, monkeypatch):
    """without DATABASE in the config, the app works on instance/users.db in the lesson folder"""
    import os
    import uuid

    # A server is not always started from the lesson folder: a relative path would follow it.
    elsewhere = tmp_path / "started-elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    plain = {k: v for k, v in config.items() if k not in ("DATABASE", "SQLALCHEMY_DATABASE_URI")}
    try:
        app = learner.build_app(plain)
    except learner.LoadFailure as failure:
        fail("create_app(config) with no DATABASE in the config to build an app",
             got=failure.message, request="create_app(config) without DATABASE",
             help="The default is instance/users.db: os.path.join(app.instance_path, "
                  "\"users.db\"), and create the instance folder first "
                  "(os.makedirs(..., exist_ok=True)).")
    client = app.test_client()
    user = {"name": "Default Db", "email": f"default-{uuid.uuid4().hex[:8]}@example.com"}
    said = ("the app is built by create_app(config) with no DATABASE in the config, in a process "
            "whose current directory is not the lesson folder")
    response = client.post("/users", json=user)
    expect(response, after=[said]).status(200, 201, help=(
        "The default is instance/users.db: os.path.join(app.instance_path, \"users.db\"), and "
        "create the instance folder first (os.makedirs(..., exist_ok=True)).")
        if response.status_code == 500 else None)
    e, users = listed(client, after=[said, f"POST /users {show_json(user)}"])
    e.that(user["email"] in emails_in(users), "the user just created in the list", got=show_json(users))
    path = os.path.join(app.instance_path, "users.db")
    relative = ("A relative path (\"instance/users.db\") follows the directory the process was "
                "started from; app.instance_path is the instance folder beside your app.py, "
                "wherever the server starts: os.path.join(app.instance_path, \"users.db\").")
    astray = [str(p.relative_to(elsewhere)) for p in sorted(elsewhere.rglob("*")) if p.is_file()]
    there = f"; the current directory got {', '.join(astray)}" if astray else ""
    e.that(os.path.isfile(path), f"the database file {learner.show_path(path)}",
           got="no such file" + there,
           help=relative if astray else "By default the data lives in instance/users.db.")
    e.that(user["email"] in emails_stored_in(path),
           f"the user just created stored in {learner.show_path(path)}",
           got=f"{user['email']} is not in that file" + there, help=relative)
