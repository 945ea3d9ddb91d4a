"""Lesson 00: a first Flask app with four routes.

    GET /                  an HTML page with a heading
    GET /health            {"status": "ok"} as JSON
    GET /hi/<name>         a greeting page; the name is escaped, never run as HTML
    GET /search?q=&limit=  {"q", "limit", "results"}: the fruits containing q (any case), at
                           most limit (default 10); a missing q or a bad limit is a JSON 400

The app may be a module-level ``app`` or a ``create_app`` factory; views may use @app.get or
@app.route, return dicts or jsonify(...), and convert limit however they like, as long as a
bad limit is refused instead of silently replaced.
"""

import re

from flaskcourse.checking import expect
from flaskcourse.checking.html import page_of

# The starter's FRUITS list, as the checks know it.
BERRIES = ["blackberry", "blueberry", "raspberry", "strawberry"]
FRUITS_WITH_E = 17  # more than 10, so the default limit shows

# <img src=x onerror=alert(1)>, percent-encoded for the URL (no "/" in it: a slash, even as
# %2F, would split the path and miss the route).
XSS_NAME = "<img src=x onerror=alert(1)>"
XSS_PATH = "/hi/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E"

HEADING = re.compile(r"<h[1-6][\s>]", re.IGNORECASE)

TYPE_INT_HELP = (
    "request.args.get(\"limit\", 10, type=int) quietly answers 10 when the conversion fails, so "
    "the client never learns its request was wrong. Convert it yourself: int(...) inside "
    "try/except ValueError, and return a JSON error with status 400."
)

BELOW_1_HELP = ("A limit must be 1 or more: matches[:0] is always empty, and matches[:-1] "
                "quietly drops the last match.")
MISSING_Q_HELP = ("Read q with request.args.get(\"q\") and, when it is missing or empty, return a "
                  "JSON error with status 400: {\"error\": \"q is required\"}, 400.")


def search(client, query):
    """GET /search?<query>; expect a 200 JSON object; return the expectation and the body."""
    __tracebackhide__ = True
    e = expect(client.get(f"/search?{query}")).status(200)
    body = e.json_object()
    results = body.get("results")
    e.that(isinstance(results, list) and all(isinstance(r, str) for r in results),
           'a "results" key holding a list of fruit names',
           help='Answer with {"q": q, "limit": limit, "results": [...]}.')
    return e, body


# ---------------------------------------------------------------------------------- pages


def test_home_page_is_html_with_a_heading(client):
    """GET / answers 200 with an HTML page that has a heading"""
    e = expect(client.get("/")).status(200).content_type("text/html")
    e.that(HEADING.search(e.body_text()) is not None,
           "an HTML page with a heading such as <h1>Hello, Flask!</h1>",
           got=f"this body, with no <h1>…<h6> tag in it: {e.body_text().strip()[:200]!r}",
           help="Return a string of HTML from the view: a returned string is sent as text/html.")


def test_health_answers_json_status_ok(client):
    """GET /health answers 200 with the JSON {"status": "ok"}"""
    expect(client.get("/health")).status(200).json_includes({"status": "ok"})


def test_hi_greets_the_name_from_the_url(client):
    """GET /hi/Ada answers an HTML page that greets Ada (and /hi/Grace greets Grace)"""
    for name in ("Ada", "Grace"):
        e = expect(client.get(f"/hi/{name}")).status(200).content_type("text/html")
        e.that(name in page_of(e.response).text, f"a page whose text names {name}",
               help="Take the name from the URL: the rule needs <name> in it, and the view "
                    "function a `name` argument, handed to the template.")


def test_hi_escapes_the_name(client):
    """the name in /hi/<name> is shown as text, never run as HTML (no XSS)"""
    e = expect(client.get(XSS_PATH)).status(200)
    live = page_of(e.response).live_code("alert(1)")
    e.that(not live, "the name escaped, so the browser shows it as text",
           got="a page where the name became a live tag a browser would run: " + "; ".join(live),
           help="Let the template fill {{ name }}: render_template_string escapes it. An f-string, "
                "`|safe` or Markup(name) puts the visitor's text into the page as HTML.")
    e.that(XSS_NAME in page_of(e.response).text,
           f"the page to show the name as typed: {XSS_NAME}",
           got="a page whose text does not contain it: " + page_of(e.response).text[:200],
           help="Escape the name, don't remove it: the visitor should see what they sent.")


# ---------------------------------------------------------------------------------- search


def test_search_returns_the_matching_fruits(client):
    """/search?q=berry answers 200 with the four berries and echoes q"""
    e, body = search(client, "q=berry")
    e.that(sorted(body["results"]) == BERRIES, f'"results": {BERRIES}',
           help="Keep each fruit of FRUITS whose name contains q.")
    e.json_includes({"q": "berry"})


def test_search_ignores_case(client):
    """/search?q=BERRY finds the same berries: the search ignores upper and lower case"""
    e, body = search(client, "q=BERRY")
    e.that(sorted(body["results"]) == BERRIES, f'"results": {BERRIES}',
           help="Compare lower case with lower case: q.lower() in fruit.lower().")


def test_no_match_gives_an_empty_list(client):
    """a search that finds nothing answers 200 with an empty results list"""
    e, body = search(client, "q=zucchini")
    e.that(body["results"] == [], '"results": []',
           help="Finding nothing is still a successful search: 200 with an empty list, not 404.")


def test_limit_caps_the_results(client):
    """/search?q=e&limit=3 answers exactly three matching fruits and "limit": 3"""
    e, body = search(client, "q=e&limit=3")
    results = body["results"]
    e.that(len(results) == 3 and all("e" in r.lower() for r in results),
           'three fruits in "results", each containing e',
           help="Cut the list of matches: matches[:limit].")
    e.that(body.get("limit") == 3 and type(body.get("limit")) is int,
           '"limit": 3, a number (not the string "3")',
           help="Echo the limit you applied, after converting it with int().")


def test_limit_defaults_to_10(client):
    """without limit, /search answers "limit": 10 and at most ten results"""
    e, body = search(client, "q=e")
    e.json_includes({"limit": 10})
    e.that(len(body["results"]) == 10,
           f'ten fruits in "results" ({FRUITS_WITH_E} fruits contain e, so ten must be shown)')


def test_non_integer_limit_gives_400(client):
    """a limit that is not a whole number (abc, 2.5) answers 400 with a JSON error naming limit"""
    for value in ("abc", "2.5"):
        e = expect(client.get(f"/search?q=e&limit={value}"))
        e.status(400, help=TYPE_INT_HELP if e.response.status_code == 200 else None)
        e.json_error(400)
        e.mentions("limit")


def test_limit_below_1_gives_400(client):
    """limit=0 and limit=-1 answer 400 with a JSON error naming limit"""
    for value in ("0", "-1"):
        e = expect(client.get(f"/search?q=e&limit={value}"))
        e.status(400, help=BELOW_1_HELP if e.response.status_code == 200 else None)
        e.json_error(400)
        e.mentions("limit")


def test_missing_q_gives_400(client):
    """/search without q (or with an empty q) answers 400 with a JSON error naming q"""
    for path in ("/search", "/search?q="):
        e = expect(client.get(path))
        e.status(400, help=MISSING_Q_HELP if e.response.status_code != 404 else None)
        e.json_error(400)
        e.names("q", expected='a JSON error that names the parameter q (e.g. "q is required")')
