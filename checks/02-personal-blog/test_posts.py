"""Hidden checks for lesson 02: a personal blog stored with Flask-SQLAlchemy.

Every check gets a fresh app built by create_app(config), where config names a SQLite file in a
temporary folder (SQLALCHEMY_DATABASE_URI, and the same path as DATABASE). `make_app()` builds a
second app with the same config, hence the same file: that is a restarted server.

The contract: a post is a JSON object with an integer "id", "title", "slug", "content" and an
ISO 8601 "created_at"; the client chooses the slug; every error answers with JSON. How the
learner gets there (db.select or Model.query, a blueprint or not, a pre-check or the UNIQUE
constraint, 400 or 422 for bad input) is up to them.
"""

from __future__ import annotations

import sqlite3
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import event
from sqlalchemy.orm import Session

from flaskcourse.checking import expect, fail, learner, show_json
from flaskcourse.checking.payloads import EMPTY_STRINGS, NOT_A_STRING

FIELDS = ("id", "title", "slug", "content", "created_at")
HELLO = {"title": "Hello World", "slug": "hello-world", "content": "My first post."}
SECOND = {"title": "Second thoughts", "slug": "second-thoughts", "content": "More to say."}

NEEDS_CREATE_HELP = (
    "This check creates a post first, and that did not work. Make POST /posts with title, slug "
    "and content answer 201 and the new post as JSON (with its \"id\"); then this check can test "
    "the rest."
)
PERSIST_HELP = (
    "The second app is what a restarted server is: module variables start empty again, only the "
    "database file remains. Store posts with db.session.add(post) and db.session.commit(), and "
    "build the engine from app.config[\"SQLALCHEMY_DATABASE_URI\"] (the config passed to "
    "create_app), not from a URI written into the code or from sqlite:///:memory:."
)
ROLLBACK_HELP = (
    "After a failed commit the session refuses all work (PendingRollbackError) until "
    "db.session.rollback() is called. Flask-SQLAlchemy discards the session when an app context "
    "ends, but a test, a CLI command or a script that keeps one context open goes on with this "
    "same broken session. Call db.session.rollback() in your except IntegrityError block."
)
OTHER_DATABASE_HELP = (
    "Every check starts with a new, empty database, yet this slug is taken: your app is using "
    "another database, one that kept posts from earlier checks. Merge `config` into "
    "app.config after your defaults, so that its SQLALCHEMY_DATABASE_URI wins, and before "
    "db.init_app(app)."
)
NO_TABLE_HELP = (
    "The database has no table for your model yet. In create_app, after db.init_app(app), call "
    "db.create_all() inside `with app.app_context():`, not only under "
    "`if __name__ == \"__main__\":` (the checks and `flask run` never run that part)."
)


JSON = "application/json"
# Bodies that hold no JSON object. Marked as JSON: 400 or 422. Not JSON at all: 415 is fine too.
JSON_BUT_NOT_AN_OBJECT = (
    ("a JSON list", {"json": [HELLO["title"], HELLO["slug"], HELLO["content"]]}),
    ("a JSON list holding the post", {"json": [HELLO]}),
    ("a JSON string", {"json": "Hello World"}),
    ("a JSON number", {"json": 42}),
    ("JSON null", {"data": b"null", "content_type": JSON}),
    ("JSON cut off in the middle", {"data": b'{"title": "Hello World"', "content_type": JSON}),
    ("an empty body marked as JSON", {"data": b"", "content_type": JSON}),
    ("bytes that are not UTF-8, marked as JSON",
     {"data": b'{"title": "\xff\xfe"}', "content_type": JSON}),
)
NOT_JSON_AT_ALL = (
    ("plain text", {"data": "title=Hello", "content_type": "text/plain"}),
    ("the post as JSON text sent as text/plain",
     {"data": '{"title": "Hello World", "slug": "hello-world", "content": "Hi."}',
      "content_type": "text/plain"}),
    ("the post as a form", {"data": dict(HELLO)}),
    ("no body at all", {}),
)
BAD_SLUGS = ("Hello World", "hello world", "drafts/hello", "Hello", "hello-World", "hello--world",
             "-hello", "hello-", "-", "hello_world", "h\u00e9llo", "hello\n", " hello",
             "hello.world")
GOOD_SLUGS = ("a", "2025", "hello-world-2", "x1-y2-z3")
SLUG_HELP = ("A slug becomes part of a URL: allow lowercase letters, digits and single hyphens "
             "only, the whole slug matched: re.fullmatch(r\"[a-z0-9]+(?:-[a-z0-9]+)*\", slug). "
             "re.match checks only the start, and $ lets a final newline through.")
CREATED_AT_HELP = ("Give the column a default that is called for each new row, such as "
                   "default=lambda: datetime.now(timezone.utc): the function, not its result.")


def parse_created_at(e: Any, value: Any) -> datetime:
    """created_at as an aware UTC datetime (a value without an offset is UTC), or fail."""
    __tracebackhide__ = True
    if not isinstance(value, str):
        e.fail('"created_at" as a string', got=f'"created_at": {show_json(value)}',
               help="Write it with post.created_at.isoformat().")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        e.fail('"created_at" in ISO 8601, e.g. "2025-11-25T09:30:00+00:00"',
               got=f'"created_at": {show_json(value)}',
               help="Flask writes a datetime left in the body as an HTTP date (\"Tue, 25 "
                    "Nov 2025 ...\"). Turn it into text yourself, in to_dict(): "
                    "self.created_at.isoformat().")
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)


def crash_help(response: Any, default: str | None = None) -> str | None:
    """Our help for a 500 whose cause we recognise (the app's traceback follows it anyway)."""
    exc = expect(response).exception
    if exc is not None and "no such table" in str(exc):
        return NO_TABLE_HELP
    return default


def is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def create(client: Any, post: dict[str, str], after: list[Any] | tuple[Any, ...] = ()) -> dict[str, Any]:
    """POST a post and return the body; fail as a precondition when creating does not work."""
    __tracebackhide__ = True
    response = client.post("/posts", json=post)
    e = expect(response, after=after)
    e.that(response.status_code in (200, 201), "status 201 from POST /posts",
           help=OTHER_DATABASE_HELP if response.status_code == 409
           else crash_help(response, NEEDS_CREATE_HELP))
    body = e.json_object()
    e.that(is_int(body.get("id")), 'the new post with an integer "id"', help=NEEDS_CREATE_HELP)
    return body


def refused(response: Any, *codes: int, after: list[Any] | tuple[Any, ...] = (),
            help: str | None = None) -> None:
    """The request was refused with one of ``codes`` (400 or 422 by default) and a JSON body."""
    __tracebackhide__ = True
    codes = codes or (400, 422)
    e = expect(response, after=after)
    if response.status_code in (200, 201):
        e.fail(f"status {' or '.join(map(str, codes))}: the post must not be created",
               help=help)
    if response.status_code == 409:
        e.fail(f"status {' or '.join(map(str, codes))}",
               help="409 says the slug is taken, which is not the problem here. If the database "
                    "refused the row (a NOT NULL column) and your except IntegrityError turned "
                    "that into a 409, check the fields yourself before adding the post.")
    e.json_error(*codes, help=help)


# ------------------------------------------------------------------------------ creating


def test_create_post_gives_201_with_the_post(client):
    """POST /posts answers 201 with the new post: id, title, slug, content and created_at"""
    response = client.post("/posts", json=HELLO)
    help = {200: "201 Created, not 200: the request made something new.",
            409: OTHER_DATABASE_HELP}.get(response.status_code) or crash_help(response)
    e = expect(response).status(201, help=help)
    body = e.json_object()
    missing = [key for key in FIELDS if key not in body]
    e.that(not missing, "the post as a JSON object with id, title, slug, content and created_at",
           help=f"Missing: {', '.join(missing)}. Return post.to_dict() after the commit." if missing
           else None)
    e.that(is_int(body["id"]), 'an integer "id", given by the database',
           help="The id is None until the row is written: commit (or flush) before reading it.")
    sent = {key: HELLO[key] for key in ("title", "slug", "content")}
    e.json_includes(sent)


def test_created_at_is_iso_8601(client):
    """created_at is an ISO 8601 date and time, close to the moment the post was created"""
    created = client.post("/posts", json=HELLO)
    expect(created).that(created.status_code in (200, 201), "status 201 from POST /posts",
                         help=OTHER_DATABASE_HELP if created.status_code == 409
                         else crash_help(created, NEEDS_CREATE_HELP))
    fetched = client.get("/posts/hello-world")
    expect(fetched, after=[created]).status(200)
    for response in (created, fetched):
        e = expect(response, after=[created] if response is fetched else ())
        value = e.json_object().get("created_at")
        off = abs(parse_created_at(e, value) - datetime.now(timezone.utc))
        e.that(off < timedelta(minutes=10), '"created_at" the moment the post was created, in UTC '
               "(a time without an offset is read as UTC)",
               got=f'"created_at": {show_json(value)}, {off} away from now (UTC)',
               help=CREATED_AT_HELP + " Stamp it in UTC: datetime.now() is the server's local "
                    "time.")


def test_created_at_is_the_time_of_creation(clock, make_app):
    """a post created an hour after the app started carries the time it was created"""
    real_now = clock.now()
    clock.advance_wall(-86400)
    started = clock.now()
    app = make_app()  # the learner's modules are imported here, a day "ago"
    clock.advance_wall(3600)
    wanted = clock.now()
    client = app.test_client()
    steps = [f"(the app was built at {started.isoformat()}; the clock then moved one hour on)"]
    created = client.post("/posts", json=HELLO)
    expect(created, after=steps).that(created.status_code in (200, 201),
                                      "status 201 from POST /posts",
                                      help=crash_help(created, NEEDS_CREATE_HELP))
    fetched = client.get("/posts/hello-world")
    moments = []
    for response in (created, fetched):
        e = expect(response, after=steps + ([created] if response is fetched else []))
        value = e.status(200, 201).json_object().get("created_at")
        moment = parse_created_at(e, value)
        moments.append(moment)
        # A database default (CURRENT_TIMESTAMP) reads the database's own clock, which the check
        # cannot move: the real time is right for it too.
        e.that(abs(moment - wanted) <= timedelta(seconds=2)
               or abs(moment - real_now) <= timedelta(minutes=10),
               f'"created_at" {wanted.isoformat()}, the moment of the POST',
               got=f'"created_at": {show_json(value)}'
                   + (" : the moment the app was built" if abs(moment - started) < timedelta(
                       seconds=2) else ""),
               help=CREATED_AT_HELP)
    expect(fetched, after=steps + [created]).that(
        abs(moments[0] - moments[1]) < timedelta(seconds=1),
        '"created_at" on the GET the same as in the answer to the POST',
        got=f"{moments[0].isoformat()} in the POST's answer, {moments[1].isoformat()} on the GET")


def test_title_and_content_kept_as_sent_or_trimmed(client):
    """title and content are kept as sent (markup, inner spaces and all), or trimmed at their ends"""
    post = {"title": "  Spaced \t out  ", "slug": "spaced-out",
            "content": "  <b>Some</b> text &amp; \"quotes\"  \n\n  and a second paragraph.  "}
    body = create(client, post)
    fetched = expect(client.get("/posts/spaced-out"), after=["POST /posts (spaced-out)"])
    shown = fetched.status(200).json_object()
    for field in ("title", "content"):
        allowed = (post[field], post[field].strip())
        fetched.that(body.get(field) in allowed and shown.get(field) == body.get(field),
                     f'"{field}" {show_json(post[field])} as sent, or trimmed to '
                     f"{show_json(post[field].strip())}, in the answer to the POST and on a "
                     "later GET",
                     help="Store the text the client sent: only the spaces at its ends may go. "
                          "Escaping HTML is the job of whatever shows it (Jinja does it for you), "
                          "and the spaces inside are the author's.",
                     got=f"POST answered {show_json(body.get(field))}, GET shows "
                         f"{show_json(shown.get(field))}")


# ----------------------------------------------------------------------------- reading


def test_post_persists_in_a_new_app(client, make_app):
    """a created post is still there in a new app on the same database file (a restart)"""
    create(client, HELLO)
    other = make_app()
    response = other.test_client().get("/posts/hello-world")
    e = expect(response, after=["POST /posts (created the post hello-world)",
                                "a second app is built by create_app(config), same database"])
    e.that(response.status_code == 200,
           "status 200 and the post from the second app: it is in the database file",
           help=PERSIST_HELP if response.status_code == 404 else None)
    e.json_includes({"slug": "hello-world", "title": HELLO["title"]})


def test_posts_are_stored_in_the_configured_database(client, config):
    """posts are stored in the SQLite file that SQLALCHEMY_DATABASE_URI names"""
    create(client, HELLO)
    path = Path(config["DATABASE"])
    request = f"POST /posts (created hello-world), then the checks open {path.name}, the file " \
              "named by the config's SQLALCHEMY_DATABASE_URI"
    help = ("Read the URI from the config: merge `config` into app.config (after your defaults, "
            "so that it wins) before db.init_app(app).")
    if not path.is_file():
        fail(f"a SQLite database file {path.name} in the checks' temporary folder",
             got="no such file: the app stored its posts somewhere else", request=request,
             help=help)
    rows = []
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [name for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            quoted = '"' + table.replace('"', '""') + '"'
            rows += [(table, row) for row in connection.execute(f"SELECT * FROM {quoted}")]
    finally:
        connection.close()
    if not any(HELLO["slug"] in row and HELLO["title"] in row for _, row in rows):
        fail("a row holding the post's title and slug in that file",
             got=f"tables {', '.join(tables) or 'none'}; no row with hello-world",
             request=request, help=help)


def test_default_database_is_instance_blog_db(config, tmp_path, monkeypatch):
    """with no SQLALCHEMY_DATABASE_URI in the config, posts go to the default instance/blog.db"""
    instance = tmp_path / "instance"
    # The app's instance folder, moved into the checks' temporary folder: the real one is left
    # alone. Flask asks this method when the app is made.
    monkeypatch.setattr(Flask, "auto_find_instance_path", lambda self: str(instance))
    partial = {k: v for k, v in config.items() if k not in ("SQLALCHEMY_DATABASE_URI", "DATABASE")}
    request = ("create_app(config) with no SQLALCHEMY_DATABASE_URI in config, then POST /posts "
               "(hello-world)")
    help = ("Keep DEFAULTS = {\"SQLALCHEMY_DATABASE_URI\": \"sqlite:///blog.db\"} and apply it "
            "first, with app.config.from_mapping(DEFAULTS), then the config on top.")
    try:
        app = learner.build_app(partial)
    except learner.LoadFailure as failure:
        fail("an app built from the default database URI", got=failure.message,
             request=request, help=help)
    response = app.test_client().post("/posts", json=HELLO)
    path = instance / "blog.db"
    if response.status_code not in (200, 201):
        fail("status 201: the post stored in the default database",
             got=f"status {response.status_code}: {response.get_data(as_text=True)[:200]}",
             request=request, help=help)
    found = False
    if path.is_file():
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            for (table,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
                quoted = '"' + table.replace('"', '""') + '"'
                found = found or any(HELLO["slug"] in row
                                     for row in connection.execute(f"SELECT * FROM {quoted}"))
        finally:
            connection.close()
    if not found:
        fail("the post in instance/blog.db, the default database",
             got="no such file" if not path.is_file() else "the file holds no row with hello-world",
             request=request, help=help)


MORE = [{"title": f"Note {n}", "slug": f"note-{n}", "content": f"Note number {n}."}
        for n in range(1, 24)]


def test_list_shows_created_posts(client):
    """GET /posts lists every post created so far (25 of them), each with its fields"""
    create(client, HELLO)
    create(client, SECOND)
    for post in MORE:
        create(client, post)
    response = client.get("/posts")
    e = expect(response, after=["POST /posts (hello-world)", "POST /posts (second-thoughts)",
                                f"POST /posts {len(MORE)} times more (note-1 to note-{len(MORE)})"])
    e.status(200)
    posts = e.json()
    e.that(isinstance(posts, list), "a JSON list ([...]) of posts",
           help="Return a list of post.to_dict() for every post: the answer is the list itself, "
                "not an object holding one.")
    slugs = sorted(p.get("slug") for p in posts if isinstance(p, dict))
    wanted = sorted(["hello-world", "second-thoughts", *(p["slug"] for p in MORE)])
    e.that(slugs == wanted, f"the {len(wanted)} posts created, each once",
           got=f"{len(slugs)} posts: {', '.join(slugs[:6])}{', ...' if len(slugs) > 6 else ''}",
           help="The contract has no pages: list every post (no .limit()).")
    incomplete = [p for p in posts if not all(key in p for key in FIELDS)]
    e.that(not incomplete, "every post in the list with id, title, slug, content and created_at",
           got=f"for example {show_json(incomplete[0])}" if incomplete else None)


def test_get_post_by_slug(client):
    """GET /posts/<slug> answers 200 with that post"""
    create(client, HELLO)
    second = create(client, SECOND)
    response = client.get("/posts/second-thoughts")
    e = expect(response, after=["POST /posts (hello-world)", "POST /posts (second-thoughts)"])
    e.status(200)
    e.json_includes({"id": second["id"], "title": SECOND["title"], "slug": SECOND["slug"],
                     "content": SECOND["content"]})


def test_a_slug_finds_only_itself(client):
    """GET /posts/<slug> finds only that exact slug: Hello-World or hello_world is not found"""
    create(client, HELLO)
    for other in ("Hello-World", "HELLO-WORLD", "hello_world", "hello%25"):
        response = client.get(f"/posts/{other}")
        expect(response, after=["POST /posts (hello-world)"]).json_error(
            404, 400, help="Look the slug up with ==, as it is: like()/ilike() ignore case and read "
                      "_ and % as wildcards, so other URLs reach the post.")


def test_unknown_slug_gives_404_json(client):
    """an unknown slug gives 404 with a JSON body"""
    response = client.get("/posts/no-such-post")
    help = crash_help(response)
    if response.status_code == 500 and help is None:
        help = ("A lookup that matches no row gives None (.first(), .scalar_one_or_none()) or "
                "raises (.scalar_one(), .one()). Answer 404 in that case: "
                "`if post is None: abort(404)`, or db.first_or_404(query).")
    expect(response).json_error(404, help=help)


# ---------------------------------------------------------------------------- duplicates


def test_duplicate_slug_gives_409(client):
    """a second post with a slug already taken gives 409 with a JSON body"""
    create(client, HELLO)
    response = client.post("/posts", json={**SECOND, "slug": HELLO["slug"]})
    help = None
    if response.status_code == 500:
        help = ("The UNIQUE constraint refused the row and the IntegrityError went unhandled. "
                "Wrap db.session.commit() in try/except IntegrityError (from sqlalchemy.exc), "
                "roll back, and answer 409.")
    elif response.status_code in (200, 201):
        help = "Two posts now share one URL. Declare the column with unique=True."
    expect(response, after=["POST /posts (hello-world)"]).json_error(409, help=help)


def test_app_keeps_working_after_a_duplicate(app, client):
    """after a duplicate slug the session is rolled back: the next post is created (201)"""
    with app.app_context():
        # An app context held open, as a test suite, a CLI command or a script holds one:
        # every request then shares one session, so a failed commit must be rolled back.
        create(client, HELLO)
        duplicate = client.post("/posts", json={**SECOND, "slug": HELLO["slug"]})
        expect(duplicate, after=["POST /posts (hello-world)"]).that(
            duplicate.status_code == 409,
            "status 409 for the duplicate slug (this check needs that to work first)")
        response = client.post("/posts", json=SECOND)
        e = expect(response, after=["(inside one `with app.app_context():`) POST /posts "
                                    "(hello-world)", "POST /posts with the slug hello-world "
                                    "again (answered 409)"])
        e.status(200, 201, help=ROLLBACK_HELP if response.status_code == 500 else None)
        e.json_includes({"slug": SECOND["slug"]})


def test_duplicate_that_slips_past_a_lookup_is_409(app, client):
    """a duplicate stored by another request between look-up and commit is still a 409"""
    rival_client = app.test_client()
    rival = {**SECOND, "slug": HELLO["slug"]}
    staged: list[Any] = []

    def rival_request(session: Any, flush_context: Any, instances: Any) -> None:
        # The first request is about to write its new post (whatever it looked up before is
        # already answered): the rival, with the same slug, runs from start to end right now.
        if staged or not session.new:
            return
        staged.append(None)
        thread = threading.Thread(target=lambda: staged.append(
            rival_client.post("/posts", json=rival)), daemon=True)
        thread.start()
        thread.join(10)

    event.listen(Session, "before_flush", rival_request)
    try:
        response = client.post("/posts", json=HELLO)
    finally:
        event.remove(Session, "before_flush", rival_request)
    rival_response = staged[1] if len(staged) > 1 else None
    if rival_response is None or rival_response.status_code not in (200, 201):
        return  # the race could not be staged (or the app made the rival wait): nothing to judge
    e = expect(response, after=["POST /posts (hello-world), held just before it writes, while "
                                "another POST /posts with the slug hello-world runs and answers "
                                f"{rival_response.status_code}"])
    help = ("Your look-up saw the slug free, then another request stored it before your commit. "
            "Only the database's UNIQUE constraint sees that: keep try/except IntegrityError "
            "around the commit, roll back, and answer 409." if response.status_code == 500
            else None)
    e.json_error(409, help=help)


# ---------------------------------------------------------------------------- bad input


def bad_field(field: str) -> Any:
    """(label, value) for a field missing, blank or not a string; None stands for missing."""
    yield f"{field} missing", ...
    for label, value in (*EMPTY_STRINGS, *NOT_A_STRING):
        yield f"{field} is {label}", value


def refuse_bad_field(client: Any, field: str) -> None:
    __tracebackhide__ = True
    for n, (label, value) in enumerate(bad_field(field)):
        post = {**HELLO, "slug": f"bad-{field}-{n}"}
        if value is ...:
            del post[field]
        else:
            post[field] = value
        refused(client.post("/posts", json=post),
                help=f"The {label}: each of title, slug and content must be a string with "
                     "something in it besides spaces (isinstance(value, str) first, then "
                     "value.strip()).")


def test_missing_title_is_refused(client):
    """a post whose title is missing, blank or not a string is refused with 400 or 422 as JSON"""
    refuse_bad_field(client, "title")


def test_missing_slug_or_content_is_refused(client):
    """a post whose slug or content is missing, blank or not a string is refused with 400 or 422 as JSON"""
    refuse_bad_field(client, "slug")
    refuse_bad_field(client, "content")


def test_body_that_is_not_a_json_object_is_refused(client):
    """a body that is not a JSON object (plain text, a JSON list, broken JSON) is refused as JSON, never a 500"""
    for group, codes in ((JSON_BUT_NOT_AN_OBJECT, (400, 422)), (NOT_JSON_AT_ALL, (400, 415, 422))):
        for label, kwargs in group:
            refused(client.post("/posts", **kwargs), *codes,
                    help=f"The body is {label}. Read it with request.get_json(silent=True) and "
                         "refuse anything that is not a dict before calling .get() on it.")


def test_malformed_slug_is_refused(client):
    """a slug with spaces, capitals, a slash or stray hyphens is refused with 400 or 422 as JSON"""
    for slug in BAD_SLUGS:
        refused(client.post("/posts", json={**HELLO, "slug": slug}),
                help=f"The slug is {show_json(slug)}. {SLUG_HELP}")


def test_well_formed_slugs_are_accepted(client):
    """slugs such as a, 2025 and hello-world-2 are accepted"""
    for n, slug in enumerate(GOOD_SLUGS):
        response = client.post("/posts", json={**HELLO, "slug": slug, "title": f"Post {n}"})
        expect(response).status(200, 201, help=f"{show_json(slug)} is a valid slug: lowercase "
                                "letters and digits, joined by single hyphens.")
