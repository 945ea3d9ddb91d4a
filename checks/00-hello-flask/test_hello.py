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
FRUITS = [
    "apple", "apricot", "avocado", "banana", "blackberry", "blueberry", "cherry", "coconut",
    "date", "fig", "grape", "grapefruit", "kiwi", "lemon", "lime", "mango", "melon", "orange",
    "papaya", "peach", "pear", "pineapple", "plum", "raspberry", "strawberry", "watermelon",
]
BERRIES = ["blackberry", "blueberry", "raspberry", "strawberry"]
WITH_E = [f for f in FRUITS if "e" in f]
FRUITS_WITH_E = len(WITH_E)  # 17: more than 10, so the default limit shows

# Values that are no whole number of 1 or more: each must be a JSON 400 naming limit.
NOT_WHOLE = (
    ("a word", "abc"), ("a decimal", "2.5"), ("another decimal", "1.5"), ("empty (limit=)", ""),
    ("a space", "%20"), ("a sign alone", "-"), ("a number with a letter", "12a"),
    ("infinity", "inf"), ("not a number", "nan"), ("a superscript two", "%C2%B2"),
    ("a fraction sign", "%C2%BD"), ("a hex number", "0x10"),
)
BELOW_1 = (("zero", "0"), ("minus one", "-1"), ("minus ten", "-10"), ("minus zero", "-0"))
# Spellings int() happens to read: the text lets an app take them or refuse them, never crash.
ODD_SPELLINGS = (("a plus sign", "%2B3", 3), ("spaces around", "%203%20", 3),
                 ("an underscore", "1_0", 10), ("Arabic-Indic digit three", "%D9%A3", 3),
                 ("full-width digit three", "%EF%BC%93", 3), ("a leading zero", "03", 3))

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


BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def test_health_answers_json_status_ok(client):
    """GET /health answers 200 with the JSON {"status": "ok"}, to a browser as well"""
    expect(client.get("/health")).status(200).json_includes({"status": "ok"})
    response = client.get("/health", headers={"Accept": BROWSER_ACCEPT})
    e = expect(response).status(200)
    e.that(response.mimetype == "application/json",
           f'the same JSON {{"status": "ok"}} to a request sent with Accept: {BROWSER_ACCEPT}, '
           "as a browser sends it", got=f"content type {response.mimetype}",
           help="/health answers the same JSON to everyone: a monitoring tool reads it, and a "
                "person can read it too.")
    e.json_includes({"status": "ok"})


def test_hi_greets_the_name_from_the_url(client):
    """GET /hi/Ada answers an HTML page that greets Ada (and /hi/Grace greets Grace)"""
    for name in ("Ada", "Grace"):
        e = expect(client.get(f"/hi/{name}")).status(200).content_type("text/html")
        e.that(name in page_of(e.response).text, f"a page whose text names {name}",
               help="Take the name from the URL: the rule needs <name> in it, and the view "
                    "function a `name` argument, handed to the template.")
    # %25 is a percent sign: Flask decodes the path once, so the view gets "Ada%20Lovelace".
    e = expect(client.get("/hi/Ada%2520Lovelace")).status(200)
    e.that("Ada%20Lovelace" in page_of(e.response).text,
           "a page whose text names Ada%20Lovelace, the name as the view received it",
           got="a page whose text does not contain it: " + page_of(e.response).text[:200],
           help="Flask has already decoded the URL (%25 became %): use name as it comes. "
                "Decoding it again (unquote) turns the visitor's %20 into a space.")


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
    for q in ("an", "ap", "fig"):
        e, body = search(client, f"q={q}")
        wanted = [f for f in FRUITS if q in f]
        e.that(sorted(body["results"]) == wanted,
               f'"results": {wanted} (every fruit containing {q}, at its start, in the middle '
               'or at its end)',
               help="A fruit matches when q stands anywhere in its name: q.lower() in "
                    "fruit.lower(). (str.find returns 0 for a match at the start, and -1 for none.)")


def test_q_is_text_not_a_pattern(client):
    """q is searched for as text: q=. or q=( finds no fruit, with a 200"""
    for label, value, shown in (("a dot", ".", "."), ("an opening bracket", "(", "("),
                                ("a caret", "%5E", "^"), ("a star", "*", "*")):
        e, body = search(client, f"q={value}")
        e.that(body["results"] == [] and body.get("q") == shown,
               f'"q": "{shown}" and "results": [] (no fruit name contains {label})',
               got=f'"q": {body.get("q")!r}, "results": {body["results"]}',
               help="Look for q as plain text (q.lower() in fruit.lower()). A regular "
                    "expression reads . ^ * ( as a pattern: . matches every fruit, and ( "
                    "makes re raise an error.")


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
    """/search?q=e&limit=3 answers exactly three matching fruits and "limit": 3 (limit=1: one)"""
    for n in (3, 1):
        e, body = search(client, f"q=e&limit={n}")
        results = body["results"]
        e.that(len(results) == n and all("e" in r.lower() for r in results),
               f'{n} fruit{"s" if n > 1 else ""} in "results", each containing e',
               help="Cut the list of matches: matches[:limit]. A limit of 1 is allowed: "
                    "\"1 or more\".")
        e.that(body.get("limit") == n and type(body.get("limit")) is int,
               f'"limit": {n}, a number (not the string "{n}")',
               help="Echo the limit you applied, after converting it with int().")


def test_results_keep_the_list_order(client):
    """the results are the first fruits that match, in the order of FRUITS"""
    for limit in (5, 20):
        e, body = search(client, f"q=e&limit={limit}")
        wanted = WITH_E[:limit]
        e.that(body["results"] == wanted, f'"results": {wanted}',
               got=f'"results": {body["results"]}',
               help="Walk FRUITS in its order and keep the matches in a list (a set forgets the "
                    "order), then cut it: matches[:limit].")


def test_q_and_limit_are_echoed(client):
    """q is echoed as it was sent, and limit as the number used, even when fewer fruits match"""
    e, body = search(client, "q=BeRrY&limit=5")
    e.that(body.get("q") == "BeRrY", '"q": "BeRrY", exactly as it was sent',
           got=f'"q": {body.get("q")!r}',
           help="Lower q only for the comparison; echo the q you received.")
    e.that(body.get("limit") == 5 and type(body.get("limit")) is int,
           '"limit": 5 (the limit used), beside the four berries',
           got=f'"limit": {body.get("limit")!r}',
           help="Echo the limit you applied, not how many fruits came back.")
    e, body = search(client, "q=%20berry")
    e.that(body.get("q") == " berry" and body["results"] == [],
           '"q": " berry", with its space, and "results": [] (no fruit contains a space)',
           got=f'"q": {body.get("q")!r}, "results": {body["results"]}',
           help="Echo q exactly as it was sent, and search for it as it is: strip() changes "
                "what the client asked for.")
    e, body = search(client, "q=berry")
    e.that(body.get("limit") == 10 and type(body.get("limit")) is int,
           '"limit": 10, the default, though only four fruits match',
           got=f'"limit": {body.get("limit")!r}',
           help="Echo the limit you applied, not how many fruits came back.")


def test_a_limit_above_the_matches_is_a_limit(client):
    """limit=27 (more than FRUITS holds) or limit=1000 gives every match and echoes that limit"""
    for limit in (27, 1000):
        e, body = search(client, f"q=e&limit={limit}")
        e.that(body["results"] == WITH_E and body.get("limit") == limit,
               f'"limit": {limit} and all {FRUITS_WITH_E} fruits containing e: any whole '
               "number of 1 or more is a limit",
               got=f'"limit": {body.get("limit")!r} and {len(body["results"])} results',
               help="Only a limit below 1 is refused; a limit larger than the list simply lets "
                    "every match through (matches[:limit]).")


def test_limit_defaults_to_10(client):
    """without limit, /search answers "limit": 10 and at most ten results"""
    e, body = search(client, "q=e")
    e.json_includes({"limit": 10})
    e.that(len(body["results"]) == 10,
           f'ten fruits in "results" ({FRUITS_WITH_E} fruits contain e, so ten must be shown)')


def test_non_integer_limit_gives_400(client):
    """a limit that is not a whole number (abc, 2.5, an empty limit=) answers 400 with a JSON error naming limit"""
    for label, value in NOT_WHOLE:
        e = expect(client.get(f"/search?q=e&limit={value}"))
        e.status(400, help=f"limit is {label}: not a whole number. "
                 + (TYPE_INT_HELP if e.response.status_code == 200 else
                    "Catch the conversion's ValueError and answer a JSON 400."))
        e.json_error(400)
        e.mentions("limit")


def test_odd_limit_spellings_never_crash(client):
    """a limit such as +3, " 3 " or 1_0 is taken or refused with a JSON 400, never a 500"""
    for label, value, number in ODD_SPELLINGS:
        e = expect(client.get(f"/search?q=e&limit={value}"))
        e.status(200, 400, help=f"limit is {label}: take it as {number} or refuse it with a JSON "
                 "400 naming limit; the text leaves you the choice, but not a crash.")
        if e.response.status_code == 400:
            e.json_error(400)
            e.mentions("limit")
        else:
            body = e.json_object()
            e.that(body.get("limit") == number and body.get("results") == WITH_E[:number],
                   f'limit {label} read as {number}: "limit": {number} and the first {number} '
                   "fruits containing e",
                   help="If you accept the value, use the number int() reads from it.")


def test_a_limit_too_long_for_int_is_no_crash(client):
    """a limit of 5,000 digits is taken or refused with a JSON 400 naming limit, never a 500"""
    e = expect(client.get("/search?q=e&limit=1" + "0" * 4999))
    e.status(200, 400, help=(
        "limit is a number of 5,000 digits. Python's int() refuses strings of more than 4,300 "
        "digits with a ValueError: catch it where you catch the others, and answer a JSON 400."))
    if e.response.status_code == 400:
        e.json_error(400)
        e.mentions("limit")
    else:
        e.that(e.json_object().get("results") == WITH_E,
               f"all {FRUITS_WITH_E} fruits containing e")


def test_limit_below_1_gives_400(client):
    """limit=0 and limit=-1 answer 400 with a JSON error naming limit"""
    for label, value in BELOW_1:
        e = expect(client.get(f"/search?q=e&limit={value}"))
        e.status(400, help=f"limit is {label}. "
                 + (BELOW_1_HELP if e.response.status_code == 200 else ""))
        e.json_error(400)
        e.mentions("limit")


def test_missing_q_gives_400(client):
    """/search without q (or with an empty q) answers 400 with a JSON error naming q"""
    for path in ("/search", "/search?q=", "/search?q=&limit=3"):
        e = expect(client.get(path))
        e.status(400, help=MISSING_Q_HELP if e.response.status_code != 404 else None)
        e.json_error(400)
        e.names("q", expected='a JSON error that names the parameter q (e.g. "q is required")')


def test_blank_q_is_refused_or_finds_nothing(client):
    """a q of only spaces is a JSON 400 naming q, or a search that finds nothing"""
    e = expect(client.get("/search?q=%20%20"))
    e.status(200, 400, help="A q of spaces may be refused like an empty one, or searched for "
                            "as it is; either way not a crash.")
    if e.response.status_code == 400:
        e.json_error(400)
        e.names("q", expected="a JSON error that names the parameter q")
    else:
        body = e.json_object()
        e.that(body.get("results") == [] and body.get("q") == "  ",
               '"q": "  " echoed as sent and "results": [] (no fruit contains a space)',
               help="Searched as it is, q of spaces matches no fruit; do not strip it into "
                    "an empty search that matches every fruit.")
