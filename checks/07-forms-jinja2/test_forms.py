"""Lesson 07: GET / shows a sign-up form, POST /subscribe validates it on the server.

The checks read the HTML the way a browser would, with the standard library's html.parser:
an error message may sit in any element, attributes may use single or double quotes, and a
success may be a 200 page or a redirect to one (the client follows redirects).
"""

import re

from urllib.parse import urlsplit

from flaskcourse.checking import expect
from flaskcourse.checking.html import page_of

GOOD = {"name": "Ada Lovelace", "email": "ada@example.com"}
FIELDS = ("name", "email")
XSS_NAME = "<script>alert(1)</script>"
XSS_VALUE = "'\"><script>alert(2)</script>"
XSS_LIST_NAME = "<img src=x onerror=alert(3)>"
# Valid by the text's rule: something (without @ or spaces) before one @, a dotted domain.
XSS_EMAIL = "<script>alert(5)</script>@example.com"
GRACE = {"name": "Grace Hopper", "email": "grace@example.com"}
# Typed values that must stay inside value="...": a quote and a tag, and (for an attribute
# written without quotes) a space that would start new attributes.
KEPT_VALUES = (XSS_VALUE, "x autofocus onfocus=alert(4)")
ESCAPE_HELP = ("Let Jinja escape it: {{ name }} in a .html template rendered with "
               "render_template is escaped automatically. Never add |safe (or Markup(...)) to "
               "something a user typed.")


# ------------------------------------------------------------------------------- reading HTML


def mentions_email(text):
    return bool(re.search(r"e-?mail", text, re.IGNORECASE))


def mentions_name(text):
    return bool(re.search(r"\bname", text, re.IGNORECASE)) and not mentions_email(text)


def empty_form_texts(client):
    """The text of GET /: what the page says before anything went wrong."""
    __tracebackhide__ = True
    response = client.get("/")
    expect(response).status(200, help="These checks compare an error page with the empty "
                                      "form at GET /, so that has to work first.")
    return set(page_of(response).texts)


def new_texts(page, baseline):
    """Text the error page has and the empty form has not: the error messages."""
    return [t for t in page.texts if t not in baseline]


def has_form(e, page):
    __tracebackhide__ = True
    missing = [f for f in FIELDS if f not in page.fields]
    e.that(not missing, "the form again, with inputs named name and email",
           got=f"{e.summary()}\n(no input named {' or '.join(missing)} on the page)",
           help="On an error, render the form's template again (with the errors and the typed "
                "values) and return it with status 422.")


def invalid(client, data, what):
    """POST an invalid form; expect 422 and the form again. Returns (expectation, page)."""
    __tracebackhide__ = True
    response = client.post("/subscribe", data=data)
    e = expect(response)
    if response.status_code == 200 or 300 <= response.status_code < 400:
        e.fail(f"status 422 ({what})",
               help="A form that fails validation is answered 422 Unprocessable Content, with "
                    "the form again: return render_template(...), 422. A 200 or a redirect "
                    "tells the browser, and any program, that it worked.")
    e.status(422)
    page = page_of(response)
    has_form(e, page)
    return e, page


def subscribe(client, data):
    """POST a valid form and follow any redirect; expect a 200 page. Returns (expect, page)."""
    __tracebackhide__ = True
    response = client.post("/subscribe", data=data, follow_redirects=True)
    e = expect(response).status(200, help="A valid form is answered with a success page (200), "
                                          "or with a redirect to one.")
    return e, page_of(response)


def list_page(client, after):
    __tracebackhide__ = True
    response = client.get("/subscribers")
    e = expect(response, after=after).status(200, help="GET /subscribers lists everyone who "
                                                       "subscribed to this app.")
    return e, page_of(response)


def shows_as_text(e, page, value, where):
    __tracebackhide__ = True
    if page.live_code("alert("):
        e.fail(f"{value!r} shown as text on {where}",
               got=f"live markup in the page: {page.live_code('alert(')[0]}", help=ESCAPE_HELP)
    e.that(value in page.text, f"{value!r} shown as text on {where}",
           got=f"{e.summary()}\n(the text of the page does not contain it)")


# --------------------------------------------------------------------------------- the form


def test_home_page_shows_an_empty_form(client):
    """GET / shows a form that POSTs name and email to /subscribe"""
    response = client.get("/")
    e = expect(response).status(200).content_type("text/html")
    page = page_of(response)
    posting = [f for f in page.forms if f.get("method", "get").lower() == "post"
               and urlsplit(f.get("action", "")).path == "/subscribe"]
    e.that(posting, 'a <form method="post" action="/subscribe">',
           got="forms: " + (", ".join(f"method={f.get('method', '(none: GET)')!r} "
                                      f"action={f.get('action', '(none: this page)')!r}"
                                      for f in page.forms) or "none at all"),
           help="Without method=\"post\" the browser sends a GET with the fields in the URL; "
                "without action it posts back to the page itself.")
    has_form(e, page)
    filled = {f: page.fields[f] for f in FIELDS if page.fields[f]}
    e.that(not filled, "empty inputs on a fresh form", got=f"values {filled}")


def test_valid_subscription_shows_a_page_naming_the_subscriber(client):
    """a valid name and email get a success page that names the subscriber (the second one too)"""
    e, page = subscribe(client, GOOD)
    e.that(GOOD["name"] in page.text, f"a page that names {GOOD['name']!r}",
           help="Pass the name to the success template: render_template(\"...\", name=name).")
    second = {"name": "Grace Hopper", "email": "grace@example.com"}
    e, page = subscribe(client, second)
    e = expect(e.response, after=["POST /subscribe for Ada Lovelace (valid)"])
    e.that(second["name"] in page.text, f"a page that names {second['name']!r}, the second subscriber",
           got=f"{e.summary()}\n(the text of the page does not contain {second['name']!r})",
           help="The success page must show the person who just subscribed: if you redirect to "
                "a page by number, check that the number you put in the URL and the one the "
                "page reads count from the same start.")


def test_a_two_letter_name_is_accepted(client):
    """a name of exactly 2 characters (after stripping) is accepted"""
    for name in ("Al", "  Al  "):
        response = client.post("/subscribe", data={"name": name, "email": "al@example.com"},
                               follow_redirects=True)
        expect(response).status(200, help="At least 2 characters means 2 is enough: refuse a "
                                          "name only when len(name.strip()) < 2.")


def redirect_of(client, data):
    """POST a valid form without following; the Location it redirects to, or None for a page."""
    response = client.post("/subscribe", data=data)
    if 300 <= response.status_code < 400 and response.headers.get("Location"):
        return response.headers["Location"]
    return None


def test_a_redirect_keeps_naming_its_subscriber(client, app):
    """a redirect's address still names its subscriber after someone else subscribes"""
    location = redirect_of(client, GOOD)
    if location is None:
        return  # the success page came at once: the check above reads it
    subscribe(app.test_client(), GRACE)
    response = client.get(location, follow_redirects=True)
    e = expect(response, after=[f"POST /subscribe for Ada Lovelace (redirected to {location})",
                                "POST /subscribe for Grace Hopper from another browser"])
    e.status(200, help="The address your redirect gives must still answer with the success page.")
    e.that(GOOD["name"] in page_of(response).text,
           f"a page that names {GOOD['name']!r}, who was sent to {location}",
           got=f"{e.summary()}\n(the text of the page does not contain {GOOD['name']!r})",
           help="The address must name the person who subscribed, whoever came after: put "
                "something in it that finds this subscriber (a number, say), not \"the newest\".")


def test_reloading_the_success_page_adds_nobody(client):
    """opening again the address a valid POST redirects to adds nobody to the list"""
    location = redirect_of(client, GOOD)
    if location is None:
        return  # the text leaves a success page answered at once to the browser's resending
    expect(client.get(location, follow_redirects=True)).status(
        200, help="The address your redirect gives must answer with the success page.")
    before = list_page(client, after=[f"POST /subscribe for Ada Lovelace, then GET {location}"])[1]
    client.get(location, follow_redirects=True)
    e, page = list_page(client, after=[f"POST /subscribe for Ada Lovelace, then GET {location}",
                                       f"GET {location} again (a reload)"])
    counts = before.text.count(GOOD["name"]), page.text.count(GOOD["name"])
    e.that(counts[0] == counts[1],
           f"the same list after reloading {location} ({GOOD['name']!r} there {counts[0]} time(s))",
           got=f"{GOOD['name']!r} there {counts[1]} times after the reload",
           help="Save in the POST, after validating, and let the GET page only show: a reload "
                "repeats the GET, and must not subscribe anyone again.")


# ------------------------------------------------------------------------------- validation


def test_short_name_gives_422_with_a_name_error(client):
    """a one-letter name gives 422 and the form again, with a message about the name"""
    baseline = empty_form_texts(client)
    e, page = invalid(client, {"name": "A", "email": GOOD["email"]}, "the name is one letter")
    news = new_texts(page, baseline)
    e.that(any(mentions_name(t) for t in news),
           "an error message about the name (text that says \"name\")",
           got=f"new text on the page: {news or 'none'}",
           help="Pass the errors to the template and show errors.name beside the name input.")


def test_name_is_stripped_before_its_length_is_checked(client):
    """a name of spaces, or one letter padded with spaces, gives 422"""
    for name in ("  A  ", "     "):
        response = client.post("/subscribe", data={"name": name, "email": GOOD["email"]})
        expect(response).status(422, help="Strip the name first (name.strip()): spaces around "
                                          "one letter do not make it a name.")


def test_bad_email_gives_422_with_an_email_error(client):
    """an address without "@" gives 422 and the form again, with a message about the email"""
    baseline = empty_form_texts(client)
    e, page = invalid(client, {"name": GOOD["name"], "email": "ada.example.com"},
                      "the email has no @")
    news = new_texts(page, baseline)
    e.that(any(mentions_email(t) for t in news),
           "an error message about the email (text that says \"email\")",
           got=f"new text on the page: {news or 'none'}",
           help="Show errors.email beside the email input.")


BAD_EMAILS = ("ada@", "ada@example", "@example.com", "ada@example.com.", "ada@.example.com",
              "ada@example..com", "ada@@example.com", "ada@example.com@evil.org")


def test_email_needs_a_domain_with_a_dot(client):
    """ada@, ada@example, @example.com, an empty part or a second @ are refused with 422"""
    for email in BAD_EMAILS:
        response = client.post("/subscribe", data={"name": GOOD["name"], "email": email})
        expect(response).status(422, help='"@" in email is not enough: ask for something before '
                                          'one @, and a domain after it with a dot inside and no '
                                          'empty part, the whole address matched (fullmatch, not '
                                          r'match), e.g. re.fullmatch(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+", email).')


def test_ordinary_emails_are_accepted(client):
    """ordinary addresses (plus signs, subdomains, capitals) are accepted"""
    for email in ("grace.hopper+news@mail.example.org", "Ada.Lovelace@Example.COM",
                  "alan_turing99@example.co.uk"):
        response = client.post("/subscribe", data={"name": "Someone", "email": email},
                               follow_redirects=True)
        expect(response).status(200, help="Your email rule turns away a real address. Keep it "
                                          "loose: letters of either case, digits, dots, + and _ "
                                          "all occur, and domains can have several dots.")


def test_a_missing_field_gives_422_not_400(client):
    """a form with a field left out entirely is invalid like any other: 422 and the form"""
    for data, what in (({"name": GOOD["name"]}, "no email field at all"),
                       ({"email": GOOD["email"]}, "no name field at all"),
                       ({}, "no fields at all")):
        response = client.post("/subscribe", data=data)
        e = expect(response)
        e.status(422, help="request.form[\"email\"] on a missing field makes Flask answer 400 "
                           "before your code runs: read with request.form.get(\"email\", \"\") "
                           "and let validation say what is missing.")
        page = page_of(response)
        has_form(e, page)
        held = {f: page.fields[f].strip() for f in FIELDS}
        e.that(held == {f: data.get(f, "") for f in FIELDS},
               f"the inputs holding what was sent, the missing one empty: "
               f"{ {f: data.get(f, '') for f in FIELDS} }",
               got=f"inputs holding {held}",
               help="A field that was not sent was not typed: read it with a default, "
                    "request.form.get(\"name\", \"\"), so its input comes back empty, not "
                    "holding None.")


def test_typed_values_are_kept_after_an_error(client):
    """after an error the form keeps what was typed in both fields"""
    for data in ({"name": "A", "email": "Ada.Lovelace@Example.COM"},
                 {"name": GOOD["name"], "email": "Ada@Example"}):
        e, page = invalid(client, data, "one field is wrong")
        kept = {f: page.fields[f].strip() for f in FIELDS}
        recased = kept != data and {f: v.lower() for f, v in kept.items()} == {
            f: v.lower() for f, v in data.items()}
        e.that(kept == data, f"inputs holding what was sent: {data}", got=f"inputs holding {kept}",
               help="Give back what was typed, capitals and all: strip the spaces around a value "
                    "and change nothing else (no .lower())." if recased else
                    "Pass the submitted values to the template and put them back in the inputs: "
                    "value=\"{{ values.name }}\". Nobody should have to type twice.")


def test_each_error_sits_beside_its_own_field(client):
    """with both fields wrong, each gets its own message beside its input"""
    baseline = empty_form_texts(client)
    e, page = invalid(client, {"name": "A", "email": "ada@"}, "both fields are wrong")
    news = new_texts(page, baseline)
    e.that(any(mentions_name(t) for t in news) and any(mentions_email(t) for t in news),
           "two messages: one about the name and one about the email",
           got=f"new text on the page: {news or 'none'}",
           help="Check every field and collect all the errors (if, if: not if/elif), so the "
                "person fixes everything in one go.")
    positions = {kind: i for i, (what, kind) in enumerate(page.events) if what == "field"}
    name_at, email_at = positions["name"], positions["email"]
    name_err = next(i for i, (w, t) in enumerate(page.events) if w == "text" and t in news and mentions_name(t))
    email_err = next(i for i, (w, t) in enumerate(page.events) if w == "text" and t in news and mentions_email(t))
    e.that(name_err < email_at and email_err > name_at and name_err < email_err,
           "the name's message just above or below the name input, and the email's just above "
           "or below the email input",
           got="the messages in one place: "
               + ("both before the name input" if email_err < name_at else
                  "both after the email input" if name_err > email_at else
                  "the email's message before the name's"),
           help="Render {{ errors.name }} right beside the name input and {{ errors.email }} "
                "beside the email input, not in one list at the top or bottom.")


# ------------------------------------------------------------------------------- escaping


def test_html_in_a_name_is_shown_as_text(client):
    """a name like <script>alert(1)</script> is shown as text, never run"""
    e, page = subscribe(client, {"name": XSS_NAME, "email": GOOD["email"]})
    shows_as_text(e, page, XSS_NAME, "the success page")


def test_html_in_an_email_is_shown_as_text(client):
    """an email with markup before its @ is shown as text on the success page and the list"""
    response = client.post("/subscribe", data={"name": "Mallory", "email": XSS_EMAIL},
                           follow_redirects=True)
    if response.status_code == 422:
        return  # a stricter rule refused it: no page shows it
    e = expect(response).status(200, help="A valid form is answered with a success page (200), "
                                          "or with a redirect to one.")
    listed = list_page(client, after=[f"POST /subscribe for Mallory with email={XSS_EMAIL}"])
    pages = [("the success page", e, page_of(response)), ("the subscriber list", *listed)]
    for where, e, page in pages:
        if page.live_code("alert("):
            e.fail(f"{XSS_EMAIL!r} shown as text on {where}, if at all",
                   got=f"live markup in the page: {page.live_code('alert(')[0]}", help=ESCAPE_HELP)


def test_a_kept_value_stays_inside_its_attribute(client):
    """a typed value with quotes, tags or spaces stays inside its input after an error"""
    for field in FIELDS:
        for value in KEPT_VALUES:
            data = ({"name": GOOD["name"], "email": value} if field == "email"
                    else {"name": value, "email": "ada@"})
            e, page = invalid(client, data, f"the {'email' if field == 'email' else 'email ada@'} is not valid")
            if page.live_code("alert("):
                e.fail(f"the typed {field} kept as the input's value, escaped",
                       got=f"live markup in the page: {page.live_code('alert(')[0]}",
                       help=f"The typed text escaped from your value attribute. Quote it and let "
                            f"Jinja escape it: value=\"{{{{ values.{field} }}}}\", never |safe.")
            e.that(page.fields[field] == value, f"the {field} input's value to be {value!r}",
                   got=f"value {page.fields[field]!r}",
                   help=f"Put the submitted value back in the input, in quotes: "
                        f"value=\"{{{{ values.{field} }}}}\".")


# ------------------------------------------------------------------------------- keeping


def test_subscribers_are_listed(client):
    """GET /subscribers lists everyone who subscribed"""
    people = [GOOD, {"name": "Grace Hopper", "email": "grace@example.com"}]
    for person in people:
        subscribe(client, person)
    e, page = list_page(client, after=["POST /subscribe for Ada Lovelace, then Grace Hopper"])
    missing = [p["name"] for p in people if p["name"] not in page.text]
    e.that(not missing, "a page naming Ada Lovelace and Grace Hopper",
           got=f"{e.summary()}\n(missing: {', '.join(missing)})",
           help="Keep each valid subscriber (in app.extensions, say) and loop over them in the "
                "template: {% for s in subscribers %}...{% endfor %}.")


def test_every_visitor_sees_the_same_list(client, app):
    """GET /subscribers from another browser names everyone who subscribed too"""
    subscribe(client, GOOD)
    e, page = list_page(app.test_client(), after=["POST /subscribe for Ada Lovelace",
                                                  "another browser (no cookies) opens the list"])
    e.that(GOOD["name"] in page.text, "a list naming Ada Lovelace, for every visitor",
           got=f"{e.summary()}\n(the text of the page does not contain 'Ada Lovelace')",
           help="Keep the subscribers on the app (app.extensions[\"subscribers\"]), not in the "
                "session: the session is one browser's cookie, and the list is everyone's.")


def test_invalid_submissions_are_not_kept(client):
    """a submission that failed validation is not added to the list"""
    subscribe(client, GOOD)
    expect(client.post("/subscribe", data={"name": "Zed Zebra", "email": "zed@"})).status(422)
    e, page = list_page(client, after=["POST /subscribe for Ada Lovelace (valid)",
                                       "POST /subscribe for Zed Zebra with email zed@ (422)"])
    e.that(GOOD["name"] in page.text, "a list naming Ada Lovelace")
    e.that("Zed Zebra" not in page.text, "a list without Zed Zebra, whose email was refused",
           help="Save the subscriber only after the validation passed.")


def test_the_list_shows_names_as_text(client):
    """a name with HTML in it is shown as text on the subscriber list too"""
    subscribe(client, {"name": XSS_LIST_NAME, "email": GOOD["email"]})
    e, page = list_page(client, after=[f"POST /subscribe with name={XSS_LIST_NAME}"])
    shows_as_text(e, page, XSS_LIST_NAME, "the subscriber list")


def test_two_apps_keep_separate_lists(client, make_app):
    """two apps built by create_app() keep separate subscriber lists"""
    subscribe(client, GOOD)
    other = make_app(reimport=False)
    response = other.test_client().get("/subscribers")
    e = expect(response, after=["POST /subscribe for Ada Lovelace to the first app",
                                "a second app is built by create_app(config)"]).status(200)
    e.that(GOOD["name"] not in page_of(response).text,
           "an empty list on the second app: each app keeps its own subscribers",
           help="A module-level list is shared by every app create_app() builds in the process. "
                "Create the list inside create_app and keep it on the app: "
                "app.extensions[\"subscribers\"] = [].")
