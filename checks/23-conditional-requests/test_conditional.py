"""Hidden checks for lesson 23: caching headers, validators and conditional requests.

Every check gets a fresh app built by create_app(config), whose SQLALCHEMY_DATABASE_URI names a
SQLite file in a temporary folder; `make_app()` builds a second app on the same file (a restart).
Checks that take `clock` freeze time before the app is built: every request happens at the same
instant unless the check moves it, which is how "two edits in one second" and "the second of the
last edit" are told apart.

The contract judged here is the lesson text's: what the headers say and what the statuses are.
How the learner gets there (make_conditional or by hand, a hash or a version counter for the
ETag, version_id_col or a conditional UPDATE, ProxyFix or their own parsing of X-Forwarded-*) is
theirs to choose.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

from werkzeug.http import http_date

from flaskcourse.checking import expect, fail, learner, show_json
from flaskcourse.checking.payloads import bad_bodies, bad_fields
from flaskcourse.checking.races import interleave
from flaskcourse.checking.spy import spy_on

URL = "/articles"
HELLO = {"title": "Hello", "body": "First post."}
EDITED = {"title": "Hello, world", "body": "First post, edited."}
KEYS = ("id", "title", "body", "updated_at")
ORIGIN = "http://localhost"

# entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE, etagc = %x21 / %x23-7E / obs-text (RFC 9110 8.8.3)
STRONG_TAG = re.compile(r'"[\x21\x23-\x7e\x80-\xff]*"')

NEEDS_CREATE_HELP = (
    "This check creates an article first, and that did not work. Make POST /articles with a "
    "title and a body answer 201 with the article as JSON (with its integer \"id\"); then this "
    "check can test the rest."
)
NEEDS_TAG_HELP = (
    "This check needs the article's ETag first: GET /articles/<id> must answer 200 with an ETag "
    "header (response.set_etag(etag_of(article)))."
)
NEEDS_EDIT_HELP = (
    "This check edits the article with PUT and the current ETag in If-Match, and that did not "
    "work. A PUT whose If-Match names the article's current ETag must answer 200: compare with "
    "request.if_match.contains(etag_of(article)), where etag_of is the same function GET uses."
)
ETAG_CONTENT_HELP = (
    "Derive the ETag from the representation itself, e.g. a hash of "
    "json.dumps(article.to_dict(), sort_keys=True), or from a version number that goes up with "
    "every edit and is kept in the database. Not from the id alone, not from the time, and not "
    "from some of the fields only."
)
CONDITIONAL_HELP = (
    "Give the response its ETag and Last-Modified, then `return response.make_conditional("
    "request)`: Werkzeug answers If-None-Match (weak comparison, \"*\", lists) and "
    "If-Modified-Since for you. By hand: request.if_none_match.contains_weak(tag)."
)
NOT_MODIFIED_HEADERS_HELP = (
    "A 304 carries the headers the 200 would have carried for the cache: the same ETag and the "
    "same Cache-Control. `return \"\", 304` drops them; make_conditional keeps them."
)
IF_MATCH_HELP = (
    "If-Match compares strongly: request.if_match.contains(etag_of(article)) is true for \"*\", "
    "for a list holding the current tag, and never for a weak W/\"...\" tag."
)
PROXY_HELP = (
    "Build the Location with url_for(..., _external=True), and wrap app.wsgi_app in "
    "ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n) only when n = "
    "app.config[\"TRUSTED_PROXIES\"] is 1 or more."
)


# ---------------------------------------------------------------------------------- helpers


def create(client: Any, fields: dict[str, str] = HELLO, after: Any = ()) -> dict[str, Any]:
    """POST an article; return its body, failing as a precondition when creating is broken."""
    __tracebackhide__ = True
    response = client.post(URL, json=fields)
    e = expect(response, after=after)
    e.that(response.status_code in (200, 201), "status 201 from POST /articles",
           help=NEEDS_CREATE_HELP)
    body = e.json_object()
    e.that(isinstance(body.get("id"), int) and not isinstance(body.get("id"), bool),
           'the new article with an integer "id"', help=NEEDS_CREATE_HELP)
    return body


def post_through(client: Any, label: str, **kwargs: Any) -> Any:
    """POST an article through whatever wraps the app (ProxyFix or the learner's middleware):
    an exception raised there never reaches Flask's error handling, so say what it was."""
    __tracebackhide__ = True
    try:
        return client.post(URL, json=HELLO, **kwargs)
    except Exception as exc:  # raised around app.wsgi_app, outside Flask: shown, not a crash of ours
        fail("status 201 and a Location", f"{type(exc).__name__}: {exc}, raised before Flask "
             "answered (in the middleware around app.wsgi_app)",
             request=f"POST {URL} with {kwargs.get('headers')} ({label})", help=PROXY_HELP)


def path_of(article: dict[str, Any]) -> str:
    return f"{URL}/{article['id']}"


def current_tag(client: Any, article: dict[str, Any], after: Any = ()) -> str:
    """The ETag GET shows for the article (as sent, quotes and all)."""
    __tracebackhide__ = True
    response = client.get(path_of(article))
    e = expect(response, after=after).status(200, help=NEEDS_TAG_HELP)
    tag = response.headers.get("ETag")
    e.that(bool(tag), "an ETag header on the 200", got="no ETag header", help=NEEDS_TAG_HELP)
    return tag


def shown(client: Any, article: dict[str, Any]) -> tuple[Any, str | None]:
    """What GET shows for the article now: its JSON and its ETag (the state a refusal keeps)."""
    response = client.get(path_of(article))
    return response.get_json(silent=True), response.headers.get("ETag")


def edit(client: Any, article: dict[str, Any], fields: dict[str, str], tag: str,
         after: Any = ()) -> Any:
    """PUT the fields with If-Match: tag, which must succeed (a precondition of the check)."""
    __tracebackhide__ = True
    response = client.put(path_of(article), json=fields, headers={"If-Match": tag})
    expect(response, after=after).status(200, help=NEEDS_EDIT_HELP)
    return response


def directives(value: str | None) -> set[str]:
    """Cache-Control as a set of directives: names lowercased, order and spaces ignored."""
    found = set()
    for part in (value or "").split(","):
        part = part.strip()
        if part:
            name, sep, argument = part.partition("=")
            found.add(name.strip().lower() + (sep + argument.strip() if sep else ""))
    return found


def unchanged(client: Any, article: dict[str, Any], before: tuple[Any, str | None],
              refused: Any, what: str) -> None:
    """After a refused request, GET shows the same JSON and the same ETag as before it."""
    __tracebackhide__ = True
    now = shown(client, article)
    if now != before:
        fail(f"the article unchanged after {what}",
             f"GET now shows {show_json(now[0])} with ETag {now[1]}; before it showed "
             f"{show_json(before[0])} with ETag {before[1]}",
             request=getattr(refused, "flaskcourse_request", None),
             help="Check the precondition (or the body) before changing anything, and change "
                  "nothing when you refuse.")


def at_fraction(clock: Any, fraction: float) -> datetime:
    """Move the frozen clock on to the next moment whose fraction of a second is ``fraction``."""
    now = clock.now()
    clock.advance((fraction - now.microsecond / 1_000_000) % 1.0)
    return clock.now()


def whole_second(moment: datetime) -> datetime:
    return moment.replace(microsecond=0)


def parse_updated_at(e: Any, value: Any) -> datetime:
    """updated_at as an aware datetime, or fail: ISO 8601 with its offset."""
    __tracebackhide__ = True
    moment = None
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            moment = None
    if moment is None or moment.tzinfo is None:
        e.fail('"updated_at" in ISO 8601 with its UTC offset, e.g. '
               '"2025-11-25T09:30:00.123456+00:00"', got=f'"updated_at": {show_json(value)}',
               help="Write it with as_utc(self.updated_at).isoformat() in to_dict(): SQLite gives "
                    "the datetime back without a time zone, so mark it as UTC first.")
    return moment


def expect_304(response: Any, tag: str, after: Any = (), help: str = CONDITIONAL_HELP) -> None:
    """304, no body, the same ETag and Cache-Control: no-cache."""
    __tracebackhide__ = True
    e = expect(response, after=after).status(304, help=help)
    e.that(response.get_data() == b"", "a 304 with no body",
           got=f"{len(response.get_data())} bytes of body")
    e.that(response.headers.get("ETag") == tag, f"the 304 to carry the same ETag: {tag}",
           got=f"ETag: {response.headers.get('ETag')}" if response.headers.get("ETag")
           else "no ETag header", help=NOT_MODIFIED_HEADERS_HELP)
    e.that(directives(response.headers.get("Cache-Control")) == {"no-cache"},
           "the 304 to carry the same Cache-Control: no-cache",
           got=f"Cache-Control: {response.headers.get('Cache-Control')}", help=NOT_MODIFIED_HEADERS_HELP)


def expect_200_with(response: Any, article: dict[str, Any], after: Any = (),
                    help: str = CONDITIONAL_HELP) -> None:
    """A full 200 with the article's JSON: the client's copy was not current."""
    __tracebackhide__ = True
    e = expect(response, after=after).status(200, help=help)
    e.json_includes({"id": article["id"], "title": article["title"], "body": article["body"]})


# ------------------------------------------------------------------------------- creating


def test_post_creates_the_article_with_201(clock, client):
    """POST /articles answers 201 with the article: id, title, body and updated_at (ISO 8601, UTC)"""
    created_at = at_fraction(clock, 0.25)
    response = client.post(URL, json=HELLO)
    e = expect(response).status(201, help="201 Created: the request made something new.")
    body = e.json_object()
    missing = [key for key in KEYS if key not in body]
    e.that(not missing, "the article as a JSON object with id, title, body and updated_at",
           help=f"Missing: {', '.join(missing)}." if missing else None)
    e.that(isinstance(body["id"], int) and not isinstance(body["id"], bool),
           'an integer "id", given by the database')
    e.json_includes(HELLO)
    moment = parse_updated_at(e, body["updated_at"])
    e.that(abs(moment - created_at) < timedelta(seconds=1),
           f'"updated_at" {created_at.isoformat()}, the moment of the POST',
           got=f'"updated_at": {show_json(body["updated_at"])}')


def test_location_is_the_absolute_url_of_the_article(client):
    """the 201's Location is the article's absolute URL, http://localhost/articles/<id>, and serves it"""
    for fields in (HELLO, {"title": "Second", "body": "More."}):
        response = client.post(URL, json=fields)
        e = expect(response).status(201)
        article = e.json_object()
        wanted = f"{ORIGIN}{URL}/{article.get('id')}"
        location = response.headers.get("Location")
        help = None
        if location == f"{URL}/{article.get('id')}":
            help = ("That is a relative reference. url_for(\"articles.get_article\", "
                    "article_id=article.id, _external=True) puts the scheme and host of the "
                    "request in front.")
        e.that(location == wanted, f"Location: {wanted}",
               got=f"Location: {location}" if location else "no Location header",
               help=help or PROXY_HELP)
        fetched = client.get(location.removeprefix(ORIGIN))
        expect(fetched, after=[response]).status(200).json_includes(
            {"id": article["id"], **fields})


def test_post_sends_the_etag_get_shows(client):
    """the 201 carries the new article's ETag, the same one GET /articles/<id> then shows"""
    response = client.post(URL, json=HELLO)
    e = expect(response).status(201)
    article = e.json_object()
    sent = response.headers.get("ETag")
    e.that(bool(sent), "an ETag header on the 201", got="no ETag header",
           help="Set the new article's tag on the 201 too: response.set_etag(etag_of(article)).")
    tag = current_tag(client, article, after=[response])
    e.that(sent == tag, f"the same ETag as GET {path_of(article)} shows: {tag}",
           got=f"ETag: {sent} on the 201",
           help="Compute both with the same function, after the commit (the id and updated_at "
                "are only known then).")


def test_bad_bodies_store_nothing(client):
    """a POST body that is not a JSON object gets 400 or 422 and stores nothing"""
    for label, kwargs in bad_bodies(HELLO):
        response = client.post(URL, **kwargs)
        expect(response).that(response.status_code in (400, 422),
                              f"status 400 or 422 for {label}")
        expect(response).json_error(400, 422)
    listed = client.get(URL)
    expect(listed, after=["POST /articles with each of those bodies"]).status(200).json_equals([])


def test_bad_fields_store_nothing(client):
    """a title that is missing, blank or not a string, or a body missing or not a string, gets 400 or 422"""
    cases = [*bad_fields(HELLO, "title"),
             *bad_fields(HELLO, "body", kinds=("missing", "not_a_string"))]
    for label, kwargs in cases:
        response = client.post(URL, **kwargs)
        expect(response).that(response.status_code in (400, 422),
                              f"status 400 or 422 for {label}: nothing may be stored")
        expect(response).json_error(400, 422)
    listed = client.get(URL)
    expect(listed, after=["POST /articles with each of those fields"]).status(200).json_equals([])


def test_empty_body_text_is_accepted(client):
    """an article whose body is the empty string is created (201)"""
    fields = {"title": "Only a title", "body": ""}
    response = client.post(URL, json=fields)
    expect(response).status(201, help="The body may be the empty string; only the title must "
                                      "have something in it.").json_includes(fields)


# ---------------------------------------------------------------------------------- the list


def test_list_in_creation_order(clock, client):
    """GET /articles lists every article in the order they were created, whatever their updated_at"""
    names = ("First", "Second", "Third")
    moves = (0, -600, 300)  # the clock jumps about: updated_at order is not creation order
    for name, move in zip(names, moves):
        clock.advance_wall(move)
        create(client, {"title": name, "body": ""})
    response = client.get(URL)
    e = expect(response, after=[f"POST /articles three times: {', '.join(names)}"]).status(200)
    body = e.json()
    titles = [item.get("title") for item in body] if isinstance(body, list) and all(
        isinstance(item, dict) for item in body) else None
    e.that(titles == list(names), f"a JSON list of the articles: titles {list(names)}",
           got=f"titles {titles}" if titles is not None else None,
           help="Order by id (the order of creation): db.select(Article).order_by(Article.id). "
                "updated_at is not creation order: edits move it, and clocks jump.")


def test_list_cache_control_is_public_max_age_60(client):
    """GET /articles has Cache-Control: public, max-age=60, and no other directive"""
    create(client)
    response = client.get(URL)
    e = expect(response).status(200)
    value = response.headers.get("Cache-Control")
    e.that(directives(value) == {"public", "max-age=60"},
           "Cache-Control: public, max-age=60 (those two directives, in any order)",
           got=f"Cache-Control: {value}" if value else "no Cache-Control header",
           help="Set it on this view's response: response.cache_control.public = True and "
                "response.cache_control.max_age = 60. Not in an after_request hook for every "
                "route: a single article needs another policy.")


# --------------------------------------------------------------------------- one article


def test_get_article_serves_it(client):
    """GET /articles/<id> answers 200 with that article; an unknown id gets 404"""
    first = create(client)
    second = create(client, {"title": "Second", "body": "More."})
    for article in (first, second):
        expect(client.get(path_of(article))).status(200).json_includes(
            {"id": article["id"], "title": article["title"], "body": article["body"]})
    expect(client.get(f"{URL}/999")).status(404)


def test_etag_is_strong_and_quoted(client):
    """the ETag of an article is a strong entity tag: in double quotes, without W/"""
    article = create(client)
    response = client.get(path_of(article))
    e = expect(response).status(200)
    tag = response.headers.get("ETag")
    e.that(tag is not None, "an ETag header", got="no ETag header",
           help="response.set_etag(etag_of(article)) writes it, quotes and all.")
    e.that(not tag.startswith("W/"), 'a strong tag ("..."), not a weak one (W/"...")',
           got=f"ETag: {tag}",
           help="set_etag(value) without weak=True. A weak tag can never satisfy If-Match.")
    e.that(STRONG_TAG.fullmatch(tag) is not None,
           'an entity tag in double quotes, e.g. ETag: "9f86d081884c7d65"', got=f"ETag: {tag}",
           help="The quotes are part of the header value; response.set_etag(value) adds them. "
                "Inside them: no spaces, no further quotes.")


def test_etag_is_stable_across_requests_and_restarts(clock, client, make_app):
    """the ETag stays the same on every GET, a minute later, and after a restart"""
    article = create(client)
    first = current_tag(client, article)
    clock.advance(60)
    again = client.get(path_of(article))
    expect(again, after=[f"GET {path_of(article)} (ETag: {first})", "a minute passes"]).that(
        again.headers.get("ETag") == first, f"the same ETag: {first}",
        got=f"ETag: {again.headers.get('ETag')}",
        help="The representation did not change, so neither may its tag. " + ETAG_CONTENT_HELP)
    restarted = make_app().test_client().get(path_of(article))
    expect(restarted, after=[f"GET {path_of(article)} (ETag: {first})",
                             "a new app is built on the same database (a restart)"]).that(
        restarted.headers.get("ETag") == first, f"the same ETag: {first}",
        got=f"ETag: {restarted.headers.get('ETag')}",
        help="A tag made from something that lives only in the process (a random value, id() "
             "of an object, a counter in memory) changes at every restart. " + ETAG_CONTENT_HELP)


def test_etag_does_not_use_the_builtin_hash(client):
    """the ETag does not come from Python's built-in hash(), which changes with every process"""
    article = create(client)
    current_tag(client, article)
    found = learner.calls_to("hash")
    if found:
        where = ", ".join(f"{file} line {line}" for file, line in found[:3])
        fail("no call to Python's built-in hash() in your app",
             f"hash() is called in {where}",
             request="(the checks read your code: a restart inside one process cannot show this)",
             help="hash() of a str is seeded anew in every Python process (PYTHONHASHSEED), so "
                  "each restart or each worker of a server gives another tag for the same "
                  "article, and no revalidation ever matches. Use hashlib: "
                  "hashlib.sha256(text.encode()).hexdigest() is the same everywhere.")


def _tag_changes(client: Any, article: dict[str, Any], fields: dict[str, str],
                 what: str, before: str | None = None) -> None:
    """Edit the article with ``fields``; when GET now shows another representation, the tag
    must differ from the one before the edit."""
    __tracebackhide__ = True
    old_json, old_tag = shown(client, article)
    tag = before or old_tag
    put = edit(client, article, fields, tag, after=[f"GET {path_of(article)} (ETag: {tag})"])
    new_json, new_tag = shown(client, article)
    if new_json == old_json:
        return  # nothing the client can see changed: the tag may stay (updated_at in seconds)
    if new_tag == tag:
        fail(f"a new ETag after {what}", f"ETag: {new_tag}, the same as before the edit",
             request=f"{put.flaskcourse_request}\nthen GET {path_of(article)}\n"
                     f"(before: {show_json(old_json)}, after: {show_json(new_json)})",
             help="The representation changed, so its tag must change: caches holding the old "
                  "one would keep getting 304 for stale text. " + ETAG_CONTENT_HELP)


def test_etag_changes_with_the_title(clock, client):
    """editing only the title changes the ETag (the clock stands still)"""
    article = create(client)
    _tag_changes(client, article, {"title": "Another title", "body": HELLO["body"]},
                 "a new title, at the same instant")


def test_etag_changes_with_the_body(clock, client):
    """editing only the body changes the ETag (the clock stands still)"""
    article = create(client)
    _tag_changes(client, article, {"title": HELLO["title"], "body": "Another body."},
                 "a new body, at the same instant")


def test_etag_changes_for_two_edits_in_one_second(clock, client):
    """two edits half a second apart that only move updated_at give two different ETags"""
    at_fraction(clock, 0.1)
    article = create(client)
    edit(client, article, EDITED, current_tag(client, article))
    clock.advance(0.5)
    _tag_changes(client, article, EDITED, "the same edit again, half a second later")


def test_etag_changes_when_only_updated_at_changes(clock, client):
    """the same title and body saved a minute later: if updated_at moves, the ETag moves too"""
    article = create(client)
    clock.advance(60)
    _tag_changes(client, article, dict(HELLO), "the same title and body saved a minute later")


def test_article_cache_control_is_no_cache(client):
    """GET /articles/<id> has Cache-Control: no-cache, and no other directive"""
    article = create(client)
    response = client.get(path_of(article))
    e = expect(response).status(200)
    value = response.headers.get("Cache-Control")
    e.that(directives(value) == {"no-cache"}, "Cache-Control: no-cache (that directive alone)",
           got=f"Cache-Control: {value}" if value else "no Cache-Control header",
           help="response.cache_control.no_cache = True on this view's response. max-age "
                "would let caches show an edited article stale; no-store would forbid keeping it "
                "at all, and then the ETag saves nothing.")


def test_last_modified_is_the_http_date_of_creation(clock, client):
    """Last-Modified is an HTTP date in GMT naming the second the article was created"""
    created_at = at_fraction(clock, 0.7)
    article = create(client)
    clock.advance(30)
    response = client.get(path_of(article))
    e = expect(response, after=[f"POST /articles at {created_at.isoformat()}",
                                "30 seconds pass"]).status(200)
    wanted = http_date(whole_second(created_at))
    value = response.headers.get("Last-Modified")
    e.that(value == wanted, f"Last-Modified: {wanted}",
           got=f"Last-Modified: {value}" if value else "no Last-Modified header",
           help="An HTTP date: weekday, day, month, year, time, and GMT, in exactly that shape, "
                "for the moment of the last change (not of the request). "
                "response.last_modified = article.updated_at writes it, or "
                "werkzeug.http.http_date(article.updated_at).")


def test_an_edit_moves_last_modified_and_updated_at(clock, client):
    """after an edit an hour later, Last-Modified and updated_at name the time of the edit"""
    article = create(client)
    tag = current_tag(client, article)
    clock.advance(3600)
    edited_at = at_fraction(clock, 0.4)
    put = edit(client, article, EDITED, tag)
    clock.advance(5)
    response = client.get(path_of(article))
    e = expect(response, after=[put, "5 seconds pass"]).status(200)
    wanted = http_date(whole_second(edited_at))
    value = response.headers.get("Last-Modified")
    e.that(value == wanted, f"Last-Modified: {wanted}, the second of the edit",
           got=f"Last-Modified: {value}" if value else "no Last-Modified header",
           help="Every edit sets updated_at = utc_now(), and Last-Modified follows it.")
    moment = parse_updated_at(e, e.json_object().get("updated_at"))
    e.that(abs(moment - edited_at) < timedelta(seconds=1),
           f'"updated_at" {edited_at.isoformat()}, the moment of the edit',
           got=f'"updated_at": {show_json(e.json_object().get("updated_at"))}')


# --------------------------------------------------------------- If-None-Match and 304


def test_current_tag_gives_304_without_body(client):
    """If-None-Match with the current ETag gets 304, no body, the same ETag and Cache-Control"""
    article = create(client)
    tag = current_tag(client, article)
    response = client.get(path_of(article), headers={"If-None-Match": tag})
    expect_304(response, tag, after=[f"GET {path_of(article)} (ETag: {tag})"])


def test_tag_in_a_list_gives_304(client):
    """If-None-Match holding the current ETag among other tags gets 304"""
    article = create(client)
    tag = current_tag(client, article)
    for header in (f'"older", {tag}', f'{tag}, "older"', f'W/"older",{tag}',
                   f'"a", "b", {tag}, "c"'):
        response = client.get(path_of(article), headers={"If-None-Match": header})
        expect_304(response, tag, after=[f"GET {path_of(article)} (ETag: {tag})"],
                   help="If-None-Match may list several tags, separated by commas: any one that "
                        "matches means 304. " + CONDITIONAL_HELP)


def test_weak_form_of_the_tag_gives_304(client):
    """If-None-Match with W/ in front of the current ETag gets 304 (weak comparison)"""
    article = create(client)
    tag = current_tag(client, article)
    response = client.get(path_of(article), headers={"If-None-Match": f"W/{tag}"})
    expect_304(response, tag, after=[f"GET {path_of(article)} (ETag: {tag})"],
               help="If-None-Match compares weakly: W/\"x\" matches \"x\". "
                    "request.if_none_match.contains_weak(tag) does that.")


def test_star_gives_304(client):
    """If-None-Match: * on an existing article gets 304 with the ETag and Cache-Control"""
    article = create(client)
    tag = current_tag(client, article)
    response = client.get(path_of(article), headers={"If-None-Match": "*"})
    expect_304(response, tag, help="* matches any current representation. " + CONDITIONAL_HELP)


def test_other_tags_give_200(client):
    """If-None-Match with other tags (longer, shorter, unrelated) gets 200 and the article"""
    article = create(client)
    tag = current_tag(client, article)
    inner = tag.strip('"').removeprefix("W/").strip('"')
    for header in ('"other"', f'"{inner}0"', f'"0{inner}"', f'"{inner[:-1]}"',
                   f'"other", "{inner}x"'):
        response = client.get(path_of(article), headers={"If-None-Match": header})
        expect_200_with(response, article, after=[f"GET {path_of(article)} (ETag: {tag})"],
                        help="Only a whole tag equal to the current one matches; a substring "
                             "test (tag in header) matches tags that only contain it. "
                             + CONDITIONAL_HELP)


def test_tag_from_before_an_edit_gives_200(client):
    """after an edit, If-None-Match with the old ETag gets 200 and the edited article"""
    article = create(client)
    tag = current_tag(client, article)
    put = edit(client, article, EDITED, tag)
    response = client.get(path_of(article), headers={"If-None-Match": tag})
    expect_200_with(response, {"id": article["id"], **EDITED},
                    after=[f"GET {path_of(article)} (ETag: {tag})", put],
                    help="The edit changed the representation, so the old tag is not current "
                         "any more. " + ETAG_CONTENT_HELP)


def test_missing_article_is_404_even_with_star(client):
    """GET of a missing article is 404, with or without If-None-Match: *"""
    create(client)
    for headers in ({}, {"If-None-Match": "*"}, {"If-None-Match": '"x"'}):
        expect(client.get(f"{URL}/999", headers=headers)).status(
            404, help="Look the article up first: preconditions only apply to one that exists.")


# ------------------------------------------------------------------------ If-Modified-Since


def test_if_modified_since_in_whole_seconds(clock, client):
    """If-Modified-Since at or after Last-Modified gets 304, one second before it 200 (whole seconds)"""
    created_at = at_fraction(clock, 0.7)
    article = create(client)
    tag = current_tag(client, article)
    clock.advance(10)
    second = whole_second(created_at)
    steps = [f"POST /articles at {created_at.isoformat()} (Last-Modified: {http_date(second)})"]
    for date in (second, second + timedelta(seconds=1), second + timedelta(days=1)):
        response = client.get(path_of(article), headers={"If-Modified-Since": http_date(date)})
        expect_304(response, tag, after=steps,
                   help="Not modified since that date: Last-Modified is at or before it. Compare "
                        "whole seconds: updated_at.replace(microsecond=0) <= the date. "
                        "make_conditional does so.")
    earlier = http_date(second - timedelta(seconds=1))
    response = client.get(path_of(article), headers={"If-Modified-Since": earlier})
    expect_200_with(response, article, after=steps,
                    help="The article changed after that date (one second later): answer 200.")


def test_old_if_modified_since_after_an_edit_gives_200(clock, client):
    """after an edit, If-Modified-Since with the old Last-Modified gets 200 and the edited article"""
    created_at = at_fraction(clock, 0.5)
    article = create(client)
    tag = current_tag(client, article)
    clock.advance(60)
    put = edit(client, article, EDITED, tag)
    old = http_date(whole_second(created_at))
    response = client.get(path_of(article), headers={"If-Modified-Since": old})
    expect_200_with(response, {"id": article["id"], **EDITED},
                    after=[f"POST /articles at {created_at.isoformat()} (Last-Modified: {old})",
                           "a minute passes", put],
                    help="The edit set updated_at, so Last-Modified is now later than that date.")


def test_invalid_if_modified_since_is_ignored(client):
    """an If-Modified-Since that is not an HTTP date is ignored: 200 with the article"""
    article = create(client)
    for value in ("yesterday", "2999-01-01T00:00:00Z", "0", "Fri, 32 Jan 2999 25:61:00 GMT"):
        response = client.get(path_of(article), headers={"If-Modified-Since": value})
        expect_200_with(response, article,
                        help="A value that is not an HTTP date is ignored, as if the header "
                             "were missing. request.if_modified_since is None for it.")


def test_matching_tag_wins_over_an_old_date(clock, client):
    """If-None-Match with the current tag gets 304 even with an If-Modified-Since before Last-Modified"""
    article = create(client)
    tag = current_tag(client, article)
    old = http_date(clock.now() - timedelta(days=1))
    response = client.get(path_of(article),
                          headers={"If-None-Match": tag, "If-Modified-Since": old})
    expect_304(response, tag, after=[f"GET {path_of(article)} (ETag: {tag})"],
               help="With If-None-Match present, If-Modified-Since is ignored: the tag matches, "
                    "so 304. make_conditional follows that rule.")


def test_other_tag_wins_over_a_recent_date(clock, client):
    """If-None-Match with another tag gets 200 even with an If-Modified-Since after Last-Modified"""
    article = create(client)
    tag = current_tag(client, article)
    recent = http_date(clock.now() + timedelta(days=1))
    response = client.get(path_of(article),
                          headers={"If-None-Match": '"other"', "If-Modified-Since": recent})
    expect_200_with(response, article, after=[f"GET {path_of(article)} (ETag: {tag})"],
                    help="With If-None-Match present, If-Modified-Since is ignored: the tag does "
                         "not match, so 200.")


# ------------------------------------------------------------------------------ If-Match


def test_put_without_if_match_is_428(client):
    """PUT without If-Match (or with an empty one) gets 428 and changes nothing"""
    article = create(client)
    before = shown(client, article)
    for headers in ({}, {"If-Match": ""}):
        response = client.put(path_of(article), json=EDITED, headers=headers)
        expect(response).status(428, help="No If-Match: answer 428 Precondition Required, "
                                          "`if not request.if_match: abort(428, ...)`.")
        unchanged(client, article, before, response, "a PUT without If-Match")


def test_put_with_a_stale_tag_is_412(client):
    """PUT with an If-Match that is not the current ETag gets 412 and changes nothing"""
    article = create(client)
    old = current_tag(client, article)
    put = edit(client, article, EDITED, old)
    before = shown(client, article)
    for header in (old, '"other"', f'"{old.strip(chr(34))}0"'):
        response = client.put(path_of(article), json={"title": "Mine", "body": "Overwritten?"},
                               headers={"If-Match": header})
        expect(response, after=[f"GET {path_of(article)} (ETag: {old})", put]).status(
            412, help="Someone changed the article since that tag: answer 412 Precondition "
                      "Failed and change nothing. " + IF_MATCH_HELP)
        unchanged(client, article, before, response, "a PUT with a stale If-Match")


def test_put_with_a_weak_tag_is_412(client):
    """PUT with If-Match W/ in front of the current ETag gets 412 (strong comparison)"""
    article = create(client)
    tag = current_tag(client, article)
    before = shown(client, article)
    response = client.put(path_of(article), json=EDITED, headers={"If-Match": f"W/{tag}"})
    expect(response, after=[f"GET {path_of(article)} (ETag: {tag})"]).status(
        412, help="If-Match uses strong comparison: a weak tag never matches. " + IF_MATCH_HELP)
    unchanged(client, article, before, response, "a PUT with a weak If-Match")


def test_put_with_the_current_tag_replaces_the_article(client):
    """PUT with If-Match naming the current ETag gets 200 and the article as stored, which GET then shows"""
    article = create(client)
    tag = current_tag(client, article)
    response = client.put(path_of(article), json=EDITED, headers={"If-Match": tag})
    e = expect(response, after=[f"GET {path_of(article)} (ETag: {tag})"])
    e.status(200, help="The tag is current: make the edit and answer 200. " + IF_MATCH_HELP)
    e.json_includes({"id": article["id"], **EDITED})
    fetched = client.get(path_of(article))
    expect(fetched, after=[response]).status(200).json_includes({"id": article["id"], **EDITED})


def test_put_with_the_tag_in_a_list_or_star_succeeds(client):
    """PUT with If-Match listing the current ETag among others, or If-Match: *, gets 200"""
    article = create(client)
    tag = current_tag(client, article)
    response = client.put(path_of(article), json=EDITED,
                          headers={"If-Match": f'"older", {tag}'})
    expect(response, after=[f"GET {path_of(article)} (ETag: {tag})"]).status(
        200, help="If-Match may list several tags: any one that matches strongly is enough. "
                  + IF_MATCH_HELP)
    again = {"title": "Third title", "body": "Third body."}
    response = client.put(path_of(article), json=again, headers={"If-Match": "*"})
    expect(response).status(200, help="If-Match: * matches any article that exists. "
                                      + IF_MATCH_HELP).json_includes(again)


def test_put_with_a_bad_body_changes_nothing(client):
    """PUT with the current ETag and a bad body gets 400 or 422 and changes nothing"""
    article = create(client)
    tag = current_tag(client, article)
    before = shown(client, article)
    cases = [*bad_bodies(EDITED), *bad_fields(EDITED, "title"),
             *bad_fields(EDITED, "body", kinds=("missing", "not_a_string"))]
    for label, kwargs in cases:
        response = client.put(path_of(article), headers={"If-Match": tag}, **kwargs)
        expect(response, after=[f"GET {path_of(article)} (ETag: {tag})"]).that(
            response.status_code in (400, 422), f"status 400 or 422 for {label}",
            help="A PUT replaces both fields: check the body as POST does (article_fields()).")
        unchanged(client, article, before, response, f"a PUT with {label}")


def test_put_of_a_missing_article_is_404(client):
    """PUT of a missing article is 404, with or without If-Match"""
    create(client)
    for headers in ({}, {"If-Match": "*"}, {"If-Match": '"x"'}):
        response = client.put(f"{URL}/999", json=EDITED, headers=headers)
        expect(response).status(404, help="Look the article up first (find_article), before "
                                          "any precondition: there is nothing to compare with.")


# ------------------------------------------------------------------------------ the race


MAX_HOLDS = 6
HOLD_SECONDS = 0.3


def _dialect(app: Any) -> Any:
    """The SQLAlchemy dialect of the app's database: every statement goes through it."""
    extension = app.extensions.get("sqlalchemy")
    if extension is None:
        fail("an app using Flask-SQLAlchemy (db.init_app(app))", "no \"sqlalchemy\" extension",
             help="Keep the articles in the database through models.py's db.")
    with app.app_context():
        return extension.engine.dialect


def test_simultaneous_puts_one_wins(make_app):
    """two PUTs with the same current If-Match at the same moment: one 200, one 412"""
    app = make_app()
    client = app.test_client()
    dialect = _dialect(app)
    probe = create(client, {"title": "Probe", "body": ""})
    with spy_on(dialect, "do_execute") as statements:
        edit(client, probe, EDITED, current_tag(client, probe))
    for nth in range(1, min(statements.count, MAX_HOLDS) + 1):
        article = create(client)
        tag = current_tag(client, article)
        url = path_of(article)
        ada = {"title": "Ada's title", "body": "Ada's text."}
        grace = {"title": "Grace's title", "body": "Grace's text."}
        race = interleave(
            lambda: app.test_client().put(url, json=ada, headers={"If-Match": tag}),
            lambda: app.test_client().put(url, json=grace, headers={"If-Match": tag}),
            pause_in=(dialect, "do_execute"), after_calls=nth, wait=HOLD_SECONDS)
        if not race.held:
            continue
        statuses = [getattr(r, "status_code", repr(r)) for r in (race.first, race.second)]
        request = (f"PUT {url} twice at the same moment, both with If-Match: {tag} (the current "
                   f"tag): the checks held the first request after its statement {nth} to the "
                   "database while the second ran")
        if sorted(statuses, key=str) != [200, 412]:
            fail("one PUT to win (200) and the other to get 412",
                 f"the first answered {statuses[0]}, the second {statuses[1]}", request=request,
                 help="Both read the article, both saw the tag match, both wrote: the first "
                      "edit is lost. Make the comparison part of the write: SQLAlchemy's "
                      "version_id_col (catch StaleDataError, roll back, 412), or an UPDATE ... "
                      "WHERE the version is still the one you read, checking its rowcount.")
        winner = ada if statuses[0] == 200 else grace
        now, _ = shown(client, article)
        if not isinstance(now, dict) or now.get("title") != winner["title"]:
            fail(f"the article to be the winner's: {show_json(winner)}",
                 f"GET {url} shows {show_json(now)}", request=request)


# ------------------------------------------------------------------------ proxies


def test_forwarded_headers_ignored_without_trusted_proxies(client, make_app):
    """without TRUSTED_PROXIES (or with 0), X-Forwarded-Proto and -Host do not change the Location"""
    forged = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "evil.example"}
    for label, app_client in (("the default config", client),
                              ("TRUSTED_PROXIES = 0", make_app(TRUSTED_PROXIES=0).test_client())):
        response = post_through(app_client, f"the app built with {label}", headers=forged)
        e = expect(response, after=[f"(the app built with {label})"]).status(201)
        wanted = f"{ORIGIN}{URL}/{e.json_object().get('id')}"
        location = response.headers.get("Location")
        e.that(location == wanted, f"Location: {wanted}: with no proxy in front, those headers "
                                   "come from the client and prove nothing",
               got=f"Location: {location}" if location else "no Location header",
               help=PROXY_HELP)


def _proxied_location(make_app: Any, proxies: int, forwarded: dict[str, str]) -> None:
    __tracebackhide__ = True
    response = post_through(make_app(TRUSTED_PROXIES=proxies).test_client(),
                            f"the app built with TRUSTED_PROXIES = {proxies}", headers=forwarded)
    e = expect(response, after=[f"(the app built with TRUSTED_PROXIES = {proxies})"]).status(201)
    wanted = f"https://news.example.com{URL}/{e.json_object().get('id')}"
    location = response.headers.get("Location")
    e.that(location == wanted,
           f"Location: {wanted}: the values the {proxies} trusted "
           f"prox{'y' if proxies == 1 else 'ies'} appended (the last {proxies} of each list)",
           got=f"Location: {location}" if location else "no Location header",
           help="Each proxy appends what it received; a client can write anything in front. "
                "ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n) with n = TRUSTED_PROXIES "
                "takes the n-th value from the end.")


def test_one_trusted_proxy_uses_the_last_values(make_app):
    """with TRUSTED_PROXIES 1, the Location uses the last X-Forwarded-Proto and -Host values"""
    _proxied_location(make_app, 1, {"X-Forwarded-Proto": "http, https",
                                    "X-Forwarded-Host": "evil.example, news.example.com",
                                    "X-Forwarded-For": "198.51.100.7, 203.0.113.9"})


def test_two_trusted_proxies_use_the_second_to_last_values(make_app):
    """with TRUSTED_PROXIES 2, the Location uses the second-to-last X-Forwarded-Proto and -Host values"""
    _proxied_location(make_app, 2, {
        "X-Forwarded-Proto": "http, https, http",
        "X-Forwarded-Host": "evil.example, news.example.com, backend.internal",
        "X-Forwarded-For": "198.51.100.7, 203.0.113.9, 10.0.0.2"})


# ------------------------------------------------------------------------------ errors


def test_errors_answer_json(client):
    """404, 405, 412 and 428 answer with a JSON body"""
    article = create(client)
    expect(client.get(f"{URL}/999")).json_error(404)
    expect(client.delete(path_of(article))).json_error(405)
    expect(client.put(path_of(article), json=EDITED)).json_error(428)
    expect(client.put(path_of(article), json=EDITED, headers={"If-Match": '"other"'})).json_error(412)
