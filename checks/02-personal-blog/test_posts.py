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
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from flaskcourse.checking import expect, fail, show_json

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


def posts_in(body: Any) -> list[Any] | None:
    """The list of posts: the body itself, or the one list inside an object ({"posts": [...]})."""
    if isinstance(body, list):
        return body
    if isinstance(body, dict):
        lists = [value for value in body.values() if isinstance(value, list)]
        if len(lists) == 1:
            return lists[0]
    return None


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
        if moment.tzinfo is not None:
            off = abs(moment - datetime.now(timezone.utc))
        else:  # naive: UTC (as SQLite hands it back) or the server's local time
            off = min(abs(moment - datetime.now(timezone.utc).replace(tzinfo=None)),
                      abs(moment - datetime.now()))
        e.that(off < timedelta(minutes=10), '"created_at" the moment the post was created',
               got=f'"created_at": {show_json(value)}, {off} away from now',
               help="Give the column a default that is called for each new row, such as "
                    "default=lambda: datetime.now(timezone.utc): the function, not its result.")


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


def test_list_shows_created_posts(client):
    """GET /posts lists every post created so far, each with its fields"""
    create(client, HELLO)
    create(client, SECOND)
    response = client.get("/posts")
    e = expect(response, after=["POST /posts (hello-world)", "POST /posts (second-thoughts)"])
    e.status(200)
    posts = posts_in(e.json())
    e.that(posts is not None, "a JSON list of posts",
           help="Return a list of post.to_dict() for every post.")
    slugs = sorted(p.get("slug") for p in posts if isinstance(p, dict))
    e.that(slugs == ["hello-world", "second-thoughts"],
           "the two posts created, hello-world and second-thoughts, each once")
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


# ---------------------------------------------------------------------------- bad input


def test_missing_title_is_refused(client):
    """a post without a title (missing or blank) is refused with 400 or 422 as JSON"""
    no_title = {"slug": "no-title", "content": "Text without a heading."}
    refused(client.post("/posts", json=no_title))
    refused(client.post("/posts", json={**no_title, "title": "   "}),
            help="A title of only spaces is no title: test value.strip().")


def test_missing_slug_or_content_is_refused(client):
    """a post without a slug, or without content, is refused with 400 or 422 as JSON"""
    refused(client.post("/posts", json={"title": "No slug", "content": "Where do I live?"}))
    refused(client.post("/posts", json={"title": "No content", "slug": "no-content"}))


def test_body_that_is_not_a_json_object_is_refused(client):
    """a body that is not a JSON object (plain text, a JSON list) is refused as JSON, never a 500"""
    help = ("Read the body with request.get_json(silent=True) and refuse anything that is not "
            "a dict before calling .get() on it.")
    refused(client.post("/posts", data="title=Hello", content_type="text/plain"),
            400, 415, 422, help=help)
    refused(client.post("/posts", json=[HELLO["title"], HELLO["slug"], HELLO["content"]]),
            help=help)


def test_malformed_slug_is_refused(client):
    """a slug with spaces, capitals or a slash is refused with 400 or 422 as JSON"""
    help = ("A slug becomes part of a URL: allow lowercase letters, digits and single hyphens "
            "only, for instance with re.fullmatch(r\"[a-z0-9]+(?:-[a-z0-9]+)*\", slug).")
    for slug in ("Hello World", "drafts/hello"):
        refused(client.post("/posts", json={**HELLO, "slug": slug}), help=help)
