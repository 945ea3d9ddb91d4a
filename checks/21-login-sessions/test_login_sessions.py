"""Lesson 21: the Flask Club's members' area with Flask-Login.

The checks act as a browser would. ``Browser`` keeps each cookie's expiry date, so it can be
closed and opened again (only cookies with an expiry date still ahead survive: the remember
cookie, never the session cookie), copied (a thief with the cookies), or sent from another
``User-Agent``. Forms are filled in as a browser fills them: hidden fields included, a checkbox
only when ticked. Accounts are made through POST /register (conftest.py).
"""

import json
import re
import secrets
from datetime import datetime, timedelta, timezone
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

from flask import Flask
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import BadSignature
from werkzeug import security
from werkzeug.http import parse_date

from flaskcourse.checking import expect, fail
from flaskcourse.checking.html import page_of
from flaskcourse.checking.inspect_app import places_holding
from flaskcourse.checking.redirects import TRICKS, lands_on, leaves_site
from flaskcourse.checking.spy import spy_on

USERNAME = "ada"  # the member conftest.py registers
WRONG = "Tr0ub4dor&3"
BAD_LOGIN = "Invalid username or password."
PLEASE_LOG_IN = "Please log in to access this page."
GOODBYE = "You have been logged out."
CREATED = "Account created. You can log in now."
DELETED = "Your account has been deleted."
REDIRECTS = (302, 303)
FOURTEEN_DAYS = timedelta(days=14)
OTHER_BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
NEEDS_LOGIN = ("This check needs a working login first: POST /login with the right password, "
               "answered with a redirect to /dashboard.")
HASH_PATTERN = r"(scrypt|pbkdf2|argon2)[:$]|\$2[aby]\$"


# ---------------------------------------------------------------------------------- helpers


def path_of(location):
    return urlsplit(location or "").path


def shown(response):
    """The status and the page as a browser shows it."""
    text = page_of(response).text if response.mimetype == "text/html" else response.get_data(as_text=True)
    if len(text) > 300:
        text = text[:300] + f"… ({len(text)} characters in all)"
    return f"status {response.status_code} ({response.mimetype})\n{text}"


def names(response, name):
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", page_of(response).text)


def parse_cookie(header):
    """(name, value, {attribute: value}) of one Set-Cookie header."""
    first, _, rest = header.partition(";")
    name, _, value = first.strip().partition("=")
    attrs = {}
    for part in rest.split(";"):
        key, _, val = part.strip().partition("=")
        if key:
            attrs[key.lower()] = val.strip()
    return name, value, attrs


def expiry_of(attrs, now):
    """When the browser drops this cookie (None: when it quits)."""
    if "max-age" in attrs:
        try:
            return now + timedelta(seconds=int(attrs["max-age"]))
        except ValueError:
            return None
    if "expires" in attrs:
        return parse_date(attrs["expires"])
    return None


def now_utc():
    return datetime.now(timezone.utc)


def is_deletion(value, attrs, now):
    expiry = expiry_of(attrs, now)
    return value.strip('"') == "" or (expiry is not None and expiry <= now)


def cookies_set_by(response):
    """[(name, value, attrs)] for each cookie the response sets (not the ones it deletes)."""
    now = now_utc()
    return [(n, v, a) for n, v, a in map(parse_cookie, response.headers.getlist("Set-Cookie"))
            if not is_deletion(v, a, now)]


def persistent_cookies(response):
    """The cookies the response sets with an expiry date ahead: those survive a restart."""
    now = now_utc()
    return [(n, v, a) for n, v, a in cookies_set_by(response)
            if (expiry_of(a, now) or now) > now]


def set_cookie_lines(response):
    return "\n".join(response.headers.getlist("Set-Cookie")) or "no Set-Cookie header"


class Browser:
    """A test client that knows when each of its cookies expires, like a browser's store."""

    def __init__(self, app, user_agent=None):
        self.app = app
        self.client = app.test_client()
        self.user_agent = user_agent
        self.expiries = {}

    def open(self, method, path, **kwargs):
        if self.user_agent:
            kwargs["headers"] = {**kwargs.get("headers", {}), "User-Agent": self.user_agent}
        response = self.client.open(path, method=method, **kwargs)
        now = now_utc()
        for name, value, attrs in map(parse_cookie, response.headers.getlist("Set-Cookie")):
            if is_deletion(value, attrs, now):
                self.expiries.pop(name, None)
            else:
                self.expiries[name] = expiry_of(attrs, now)
        return response

    def get(self, path, **kwargs):
        return self.open("GET", path, **kwargs)

    def post(self, path, **kwargs):
        return self.open("POST", path, **kwargs)

    def value(self, name):
        cookie = self.client.get_cookie(name)
        return cookie.value if cookie is not None else None

    def _with(self, names, app, user_agent):
        other = Browser(app or self.app, user_agent or self.user_agent)
        for name in names:
            value = self.value(name)
            if value is not None:
                other.client.set_cookie(name, value)
                other.expiries[name] = self.expiries[name]
        return other

    def restarted(self, app=None):
        """The browser closed and opened again: only cookies with an expiry date still ahead."""
        now = now_utc()
        return self._with([n for n, e in self.expiries.items() if e is not None and e > now],
                          app, None)

    def copy(self, app=None, user_agent=None):
        """Every cookie of this browser, in another one (a thief's, or another program)."""
        return self._with(list(self.expiries), app, user_agent)

    def cookie_names(self):
        return ", ".join(sorted(self.expiries)) or "no cookies"


def log_in(browser, credentials, remember=False, precondition=True, **kwargs):
    """POST the right username and password (remember=on when asked); expect a redirect to
    /dashboard."""
    __tracebackhide__ = True
    data = {**credentials, **({"remember": "on"} if remember else {})}
    response = browser.post("/login", data=data, **kwargs)
    e = expect(response)
    if response.status_code == 200:
        e.fail("status 303 (or 302) redirecting to /dashboard, not a page", got=shown(response),
               help="Post/Redirect/Get: answer a successful login with "
                    "redirect(url_for(\"dashboard\"), code=303)."
                    + (f"\n{NEEDS_LOGIN}" if precondition else ""))
    e.status(*REDIRECTS, help=NEEDS_LOGIN if precondition else None)
    e.that(path_of(response.headers.get("Location")) == "/dashboard", "a redirect to /dashboard",
           got=f"status {response.status_code}, Location: {response.headers.get('Location')}",
           help=NEEDS_LOGIN if precondition else None)
    return response


def logged_in_as(response, name, after=(), help=None):
    """A 200 page that names the user."""
    __tracebackhide__ = True
    e = expect(response, after=after)
    e.status(200, help=help)
    e.that(bool(names(response, name)), f"a page that names the user, {name!r}",
           got=shown(response), help=help)


def sent_to_login(response, after=(), help=None):
    """A redirect (302/303) to the login page: nobody is logged in."""
    __tracebackhide__ = True
    e = expect(response, after=after)
    if response.status_code == 200:
        e.fail("a redirect to /login: nobody is logged in", got=shown(response), help=help)
    if response.status_code == 401 and response.mimetype == "text/html":
        e.fail("a redirect to /login",
               help="@login_required answered a bare 401: set login_manager.login_view = "
                    "\"login\" (the endpoint of your login page) so it redirects there.")
    e.status(*REDIRECTS, help=help)
    location = response.headers.get("Location")
    e.that(path_of(location) == "/login", "a redirect to /login (a ?next=... query is fine)",
           got=f"status {response.status_code}, Location: {location}", help=help)


def api_refuses(response, after=(), help=None):
    """401 with JSON: nobody is logged in, for a program."""
    __tracebackhide__ = True
    e = expect(response, after=after)
    if response.status_code == 200:
        e.fail("status 401: nobody is logged in", help=help)
    e.json_error(401, help="For the API blueprint, Flask-Login must not redirect: list it in "
                           "login_manager.blueprint_login_views with None, and turn the 401 into "
                           "JSON with @api.errorhandler(401).")


class Forms(HTMLParser):
    """The forms of a page, each with its inputs as a browser sees them (type, value, checked)."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "form":
            self.forms.append({"attrs": a, "inputs": []})
        elif tag in ("input", "textarea", "select", "button") and self.forms and a.get("name"):
            kind = a.get("type", "text").lower() if tag == "input" else tag
            self.forms[-1]["inputs"].append({"name": a["name"], "type": kind,
                                             "value": a.get("value", ""),
                                             "checked": "checked" in a})


def post_forms(html):
    return [f for f in Forms(html).forms if f["attrs"].get("method", "get").lower() == "post"]


def post_form(html, field="password"):
    """The first form with method post on the page that has an input named ``field`` (the
    header's log-out form comes first on a logged-in page), or None."""
    return next((f for f in post_forms(html) if any(i["name"] == field for i in f["inputs"])),
                None)


def submit(browser, page_url, response, fill, tick=()):
    """Submit the page's POST form as a browser does: every field as the page set it, ``fill``
    typed in, checkboxes sent only when ticked (the ones named in ``tick``), to the form's
    action resolved against the page's URL (no action: the page's own URL, query included)."""
    __tracebackhide__ = True
    form = post_form(response.get_data(as_text=True))
    expect(response).that(form is not None,
                          f'a <form method="post"> with a password input on the page {page_url}',
                          got=shown(response))
    data = {}
    for field in form["inputs"]:
        if field["type"] in ("submit", "button", "reset", "image"):
            continue
        if field["type"] in ("checkbox", "radio"):
            if field["name"] in tick or field["checked"]:
                data[field["name"]] = field["value"] or "on"
            continue
        data[field["name"]] = field["value"]
    data.update(fill)
    action = urljoin("http://localhost" + page_url, form["attrs"].get("action") or page_url)
    split = urlsplit(action)
    return browser.post(split.path, query_string=split.query, data=data)


class LoginTry:
    """A login from a fresh browser: true when it was let in (a redirect to /dashboard); its
    text says how the app answered, for the failure message."""

    def __init__(self, app, username, password):
        self.response = app.test_client().post("/login", data={"username": username,
                                                              "password": password})
        self.location = self.response.headers.get("Location")

    def __bool__(self):
        return self.response.status_code in REDIRECTS and path_of(self.location) == "/dashboard"

    def __str__(self):
        where = f", Location: {self.location}" if self.location else ""
        return f"POST /login answered {self.response.status_code}{where}"

    @property
    def broken(self):
        """The login itself does not work yet (neither let in nor refused with a 401)."""
        return not self and self.response.status_code != 401


def refused(attempt, help):
    """got / help for a login that should have worked: blame the login when it is broken."""
    return (f"the login was refused ({attempt})",
            f"{NEEDS_LOGIN} (It answered {attempt.response.status_code}.)" if attempt.broken else help)


def database_files(config):
    """The SQLite file the config names, with its journal files: what the disk holds."""
    uri = config["SQLALCHEMY_DATABASE_URI"]
    main = Path(uri.removeprefix("sqlite:///"))
    return [p for p in (main, Path(f"{main}-wal"), Path(f"{main}-journal")) if p.exists()]


def session_data(config, value):
    """The data of a Flask session cookie signed with the checks' SECRET_KEY, or None."""
    judge = Flask("flaskcourse_key_check")
    judge.secret_key = config["SECRET_KEY"]
    try:
        return SecureCookieSessionInterface().get_signing_serializer(judge).loads(value)
    except BadSignature:
        return None


def error_texts(response, baseline):
    """The texts of the page that the empty form did not have: the error."""
    return [t for t in page_of(response).texts if t not in baseline]


# ------------------------------------------------------------------------------- the login


def test_login_page_shows_a_form(client):
    """GET /login shows a form that posts a username, a password and a checkbox named remember"""
    response = client.get("/login")
    e = expect(response).status(200)
    form = post_form(response.get_data(as_text=True))
    e.that(form is not None, 'a <form method="post"> with an input named password',
           got=shown(response))
    kinds = {field["name"]: field["type"] for field in form["inputs"]}
    missing = [name for name in ("username", "password", "remember") if name not in kinds]
    e.that(not missing, "inputs named username, password and remember in the form",
           got=f"inputs {kinds} (no {' or '.join(missing)})")
    e.that(kinds["remember"] == "checkbox", 'remember as <input type="checkbox" name="remember">',
           got=f"an input of type {kinds['remember']!r}")


def test_good_login_redirects_to_the_dashboard(app, member):
    """the right username and password are answered with a redirect (303/302) to /dashboard"""
    log_in(Browser(app), member, precondition=False)


def test_dashboard_names_the_user_on_every_request(app, member):
    """after logging in, the dashboard names the user on every further request"""
    browser = Browser(app)
    login = log_in(browser, member)
    for n in (1, 2):
        logged_in_as(browser.get("/dashboard"), USERNAME,
                     after=[login] + (["GET /dashboard (answered 200)"] if n == 2 else []),
                     help="login_user(user) in the login view; a user_loader that finds the "
                          "user again by what get_id() returned; @login_required on the view.")


def test_the_welcome_is_flashed_after_login(app, member):
    """the page after the login redirect says "Welcome, ada" """
    browser = Browser(app)
    login = log_in(browser, member)
    response = browser.get(path_of(login.headers.get("Location")))
    expect(response, after=[login]).status(200).that(
        f"Welcome, {USERNAME}" in page_of(response).text,
        f"the flashed message 'Welcome, {USERNAME}' on the page after the login",
        got=shown(response),
        help="flash(f\"Welcome, {user.username}\") before the redirect; base.html shows the "
             "flashed messages.")


def failed_login(client, data):
    """POST a login that must fail: 401 with the form; returns (response, error texts, page)."""
    __tracebackhide__ = True
    empty = client.get("/login")
    expect(empty).status(200)
    baseline = set(page_of(empty).texts)
    response = client.post("/login", data=data)
    e = expect(response)
    if response.status_code in REDIRECTS:
        e.fail("status 401 with the login form again",
               got=f"status {response.status_code}, Location: {response.headers.get('Location')}")
    e.status(401, help="401 Unauthorized says the credentials were wrong: "
                       "return render_template(\"login.html\", error=..., ...), 401.")
    page = page_of(response)
    e.that("password" in page.fields, "the login form again, with an input named password",
           got=shown(response))
    errors = error_texts(response, baseline)
    e.that(any(BAD_LOGIN in t for t in errors), f"the error {BAD_LOGIN!r} on the page",
           got=shown(response))
    return response, errors, page


def test_wrong_password_is_refused(app, member):
    """a wrong password gets 401 with the form and "Invalid username or password.", and no login"""
    browser = Browser(app)
    failed_login(browser, {"username": USERNAME, "password": WRONG})
    sent_to_login(browser.get("/dashboard"), after=["POST /login with a wrong password (refused)"],
                  help="A failed login must not log anyone in.")


def test_unknown_user_gets_the_same_answer(app, member):
    """an unknown username gets exactly the same answer as a wrong password"""
    first, errors_wrong, page_wrong = failed_login(app.test_client(),
                                                   {"username": USERNAME, "password": WRONG})
    response, errors_unknown, page_unknown = failed_login(
        app.test_client(), {"username": "mallory", "password": WRONG})

    def neutral(texts, name):
        return [re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", "<username>", t) for t in texts]

    fields_wrong = dict(zip(page_wrong.fields, neutral(page_wrong.fields.values(), USERNAME)))
    fields_unknown = dict(zip(page_unknown.fields,
                              neutral(page_unknown.fields.values(), "mallory")))
    expect(response).that(
        first.status_code == response.status_code
        and neutral(page_unknown.texts, "mallory") == neutral(page_wrong.texts, USERNAME)
        and fields_unknown == fields_wrong,
        "the very same answer as for a wrong password, apart from the typed username",
        got=f"for the unknown user: {' '.join(page_unknown.texts)[:200]} fields "
            f"{fields_unknown}\nfor a wrong password: {' '.join(page_wrong.texts)[:200]} "
            f"fields {fields_wrong}",
        help="Any difference tells a stranger which usernames exist. Render the same template "
             "with the same values on both paths.")


def test_an_unknown_user_costs_a_password_check_too(make_app, credentials, sign_up):
    """an unknown username is checked against a decoy hash: as many check_password_hash calls as a wrong password"""
    with spy_on(security, "check_password_hash") as spy:
        app = make_app()
        sign_up(app.test_client(), **credentials)
        client = app.test_client()
        spy.reset()
        client.post("/login", data={**credentials, "password": WRONG})
        wrong = spy.count
        spy.reset()
        client.post("/login", data={"username": "mallory", "password": WRONG})
    spy.expect_calls(
        max(wrong, 1), max(wrong, 1),
        request="POST /login with username=mallory (no such user) (the checks counted the calls "
                f"to werkzeug.security.check_password_hash; a wrong password made {wrong})",
        why="For an unknown username, check the password against a decoy hash anyway, so both "
            "failures take as long.")


def hashes_checked(spy):
    """The stored hash each check_password_hash call since the last reset was given."""
    return [call.kwargs.get("pwhash", call.args[0] if call.args else None) for call in spy.calls]


def method_of(pwhash):
    """The method part of a werkzeug hash ("scrypt:32768:8:1" of "scrypt:32768:8:1$salt$hash"),
    or None for a string that check_password_hash cannot take as a hash."""
    if not isinstance(pwhash, str) or pwhash.count("$") < 2:
        return None
    return pwhash.split("$", 1)[0]


def test_the_decoy_is_a_real_hash_made_once(make_app, credentials, sign_up):
    """the decoy for an unknown username is a real hash of the same method, made once"""
    with spy_on(security, "check_password_hash") as spy:
        app = make_app()
        sign_up(app.test_client(), **credentials)
        spy.reset()
        app.test_client().post("/login", data={**credentials, "password": WRONG})
        stored = hashes_checked(spy)
        decoys = []
        for _ in range(2):
            spy.reset()
            app.test_client().post("/login", data={"username": "mallory", "password": WRONG})
            decoys.append(hashes_checked(spy))
    request = ("POST /login with username=mallory (no such user), twice (the checks looked "
               "inside: they read what werkzeug.security.check_password_hash was given)")
    if not stored or not all(decoys):
        fail("a check_password_hash call for a wrong password and for each unknown username",
             f"{len(stored)} for a wrong password, {[len(d) for d in decoys]} for the unknown "
             "ones", request=request,
             help="Check the password on both paths: against the user's hash, or the decoy.")
    method = method_of(stored[0])
    first = decoys[0][0]
    if method_of(first) != method:
        fail(f"a decoy made like the stored hashes: method$salt$hash with the method {method!r}",
             f"check_password_hash({first!r:.80}, ...)", request=request,
             help="check_password_hash returns False at once for a string that is not a hash, "
                  "and another method costs other work: so the time tells who exists. Make the "
                  "decoy with generate_password_hash, as the register view hashes passwords. "
                  "(The checks make hashing cheap, so the method here names a lower cost than "
                  "in your own database.)")
    if decoys[1][0] != first:
        fail("the same decoy for both unknown usernames: made once, before any login",
             f"{first!r:.80} for the first, {decoys[1][0]!r:.80} for the second",
             request=request,
             help="Hashing a new decoy at every login makes the unknown username cost twice the "
                  "work of a wrong password. Make it once in create_app "
                  "(app.extensions[\"decoy_hash\"]).")


def test_failed_login_keeps_the_username_not_the_password(client, member):
    """a failed login keeps the typed username in the form and never shows the typed password"""
    typed = {"username": USERNAME, "password": "hunter2-" + secrets.token_hex(4)}
    response, _, page = failed_login(client, typed)
    expect(response).that(typed["password"] not in response.get_data(as_text=True),
                          "a page without the typed password",
                          got="the password is in the page",
                          help="Never pass the password back to the template.")
    expect(response).that(page.fields.get("username") == USERNAME,
                          f"the typed username {USERNAME!r} kept in the form",
                          got=f"username field: {page.fields.get('username')!r}")


def test_usernames_are_shown_as_text(app, sign_up):
    """a username like <b>x</b> is shown as text: in the header, on the dashboard, in the welcome and in the form again"""
    name, password = 'x"><b>bold</b>', "pw-" + secrets.token_hex(4)
    sign_up(app.test_client(), name, password)
    browser = Browser(app)
    login = log_in(browser, {"username": name, "password": password})
    dashboard = browser.get("/dashboard")
    e = expect(dashboard, after=[login]).status(200)
    e.that(f"Welcome, {name}" in page_of(dashboard).text,
           f"the text 'Welcome, {name}' on the page after the login, the name shown as text",
           got=shown(dashboard),
           help="flash(f\"Welcome, {user.username}\"), printed with {{ }} (Jinja escapes it).")
    home = browser.get("/")
    expect(home, after=[login]).that(name in page_of(home).text,
                                     f"the header of / showing {name!r} as text", got=shown(home),
                                     help="{{ current_user.username }}: never |safe.")
    response = app.test_client().post("/login", data={"username": name, "password": "wrong-pw"})
    kept = page_of(response).fields.get("username")
    expect(response).that(kept == name, f"the form again with {name!r} as the input's value",
                          got=f"username field: {kept!r}",
                          help='value="{{ username }}": Jinja escapes the quote.')


# ---------------------------------------------------------------------------- registration


def test_register_page_shows_a_form(client):
    """GET /register shows a form that posts a username and a password"""
    response = client.get("/register")
    e = expect(response).status(200)
    page = page_of(response)
    missing = [name for name in ("username", "password") if name not in page.fields]
    e.that(not missing, "a form with inputs named username and password",
           got=f"{shown(response)}\n(no input named {' or '.join(missing)})")
    e.that(post_form(response.get_data(as_text=True)) is not None,
           'a <form method="post"> with the password input')


def test_registration_redirects_to_login_and_the_account_logs_in(app):
    """a new account is answered with a redirect (303/302) to /login, which says "Account created. You can log in now.", and can log in"""
    browser = Browser(app)
    response = browser.post("/register", data={"username": "grace", "password": "hopper-1906"})
    e = expect(response)
    if response.status_code == 200:
        e.fail("a redirect to /login, not a page", got=shown(response),
               help="Post/Redirect/Get: redirect(url_for(\"login\"), code=303).")
    e.status(*REDIRECTS)
    e.that(path_of(response.headers.get("Location")) == "/login", "a redirect to /login",
           got=f"Location: {response.headers.get('Location')}")
    page = browser.get(response.headers["Location"])
    expect(page, after=[response]).status(200).that(
        CREATED in page_of(page).text, f"the login page saying {CREATED!r}", got=shown(page),
        help=f"flash({CREATED!r}) before the redirect.")
    attempt = LoginTry(app, "grace", "hopper-1906")
    got, help = refused(attempt, "Store the account (the username and a hash of the password) "
                                 "in the database.")
    e.that(bool(attempt), "the new account logs in: POST /login with grace and her password "
           "redirects to /dashboard", got=got, help=help)


def test_registration_refuses_bad_fields(app):
    """a blank or 31-character username, a 7-character password or a missing field gets 400, the form, an error and the typed username"""
    empty = app.test_client().get("/register")
    expect(empty).status(200)
    baseline = set(page_of(empty).texts)
    cases = [
        ("a blank username", {"username": "", "password": "hopper-1906"}, ""),
        ("a username of spaces", {"username": "   ", "password": "hopper-1906"}, ""),
        ("a username of 31 characters", {"username": "g" * 31, "password": "hopper-1906"},
         "g" * 31),
        ("a password of 7 characters", {"username": "grace", "password": "hopper1"}, "grace"),
        ("no username field", {"password": "hopper-1906"}, ""),
        ("no password field", {"username": "grace"}, "grace"),
    ]
    for label, data, kept in cases:
        response = app.test_client().post("/register", data=data)
        e = expect(response)
        e.status(400, help=f"{label.capitalize()} cannot make an account: answer 400 with the "
                           "form again and the error.")
        page = page_of(response)
        e.that("password" in page.fields and "username" in page.fields,
               "the registration form again (inputs named username and password)",
               got=shown(response))
        e.that(bool(error_texts(response, baseline)),
               f"an error message on the page ({label})", got=shown(response),
               help="Say what is wrong: pass an error to the template.")
        if kept:
            e.that(page.fields.get("username") == kept,
                   f"the typed username {kept!r} kept in the form",
                   got=f"username field: {page.fields.get('username')!r}",
                   help='render_template("register.html", error=..., username=username)')
    for name in ("g" * 31, "grace"):
        for password in ("hopper-1906", "hopper1"):
            if LoginTry(app, name, password):
                fail("no account made by a refused registration",
                     f"{name!r} with the password {password!r} logs in",
                     request="the refused registrations above, then POST /login",
                     help="Check the fields before you add the user to the database.")


def test_registration_accepts_the_limits(app):
    """a 1-character and a 30-character username (30 ü too), and an 8-character password, make accounts"""
    for username, password in (("g", "hopper-1906"), ("h" * 30, "hopper-1906"),
                               ("ü" * 30, "hopper-1906"), ("grace", "8charsOK")):
        response = app.test_client().post("/register",
                                          data={"username": username, "password": password})
        expect(response).status(*REDIRECTS, help="The limits are inclusive: 1 to 30 characters "
                                                 "for a username (characters, not bytes: len() of "
                                                 "the str), 8 or more for a password.")
        attempt = LoginTry(app, username, password)
        got, help = refused(attempt, "The account was not stored.")
        expect(response).that(bool(attempt), f"the account {username!r} logs in afterwards",
                              got=got, help=help)


def test_a_taken_username_gets_409(app, member):
    """a username that is taken gets 409 with the form and an error, and the first account is unchanged"""
    empty = app.test_client().get("/register")
    baseline = set(page_of(empty).texts)
    response = app.test_client().post("/register",
                                      data={"username": USERNAME, "password": "another-horse-1"})
    e = expect(response, after=[f"POST /register with username={USERNAME} (the member, "
                                "created first)"])
    e.status(409, help="The database's UNIQUE constraint on username refuses the second "
                       "account: catch the IntegrityError, db.session.rollback(), and answer "
                       "409 with the form.")
    e.that("password" in page_of(response).fields, "the registration form again",
           got=shown(response))
    e.that(bool(error_texts(response, baseline)), "an error message on the page",
           got=shown(response))
    attempt = LoginTry(app, USERNAME, member["password"])
    got, help = refused(attempt, "The second registration changed the first account.")
    e.that(bool(attempt), "the first account unchanged: its own password still logs in",
           got=got, help=help)
    e.that(not LoginTry(app, USERNAME, "another-horse-1"),
           "the first account unchanged: the second password does not log in",
           got="the second password logs in")
    browser = Browser(app)
    login = log_in(browser, member)
    again = browser.post("/register", data={"username": USERNAME, "password": "another-horse-1"})
    expect(again, after=[login]).status(
        409, help="After the failed commit, db.session.rollback(): the session is unusable until "
                  "then, and the page's header still asks the database for current_user.")


def test_spaces_around_a_username_are_removed(app, sign_up):
    """spaces around a username are removed, when registering and when logging in"""
    sign_up(app.test_client(), "  grace  ", "hopper-1906")
    for typed in ("grace", " grace "):
        attempt = LoginTry(app, typed, "hopper-1906")
        if not attempt:
            got, help = refused(attempt, "Strip the username in both views: "
                                         "request.form.get(\"username\", \"\").strip().")
            fail(f"a login as {typed!r} after registering '  grace  ': the name is grace", got,
                 request=f"POST /register with username='  grace  ', then POST /login with "
                         f"username={typed!r}", help=help)
    again = app.test_client().post("/register", data={"username": "grace", "password": "x" * 9})
    expect(again, after=["POST /register with username='  grace  '"]).status(
        409, help="'  grace  ' and 'grace' are the same username once the spaces are removed.")


def test_passwords_are_taken_as_typed(app, sign_up):
    """a password is kept exactly as typed: spaces around it belong to it"""
    sign_up(app.test_client(), "grace", "  hopper 1906  ")
    request = "POST /register with username=grace and password='  hopper 1906  ', then POST /login"
    attempt = LoginTry(app, "grace", "  hopper 1906  ")
    if not attempt:
        got, help = refused(attempt, "Take the password as it came: "
                                     "request.form.get(\"password\", \"\"), no strip().")
        fail("a login with the password exactly as typed", got, request=request, help=help)
    if LoginTry(app, "grace", "hopper 1906"):
        fail("a login with password='hopper 1906' (the spaces left out) refused",
             "it logs in", request=request,
             help="Don't strip the password: the spaces are part of it.")


def test_accounts_survive_a_restart(make_app, config, sign_up):
    """accounts live in the database the config names, and log in on a new app built on it"""
    first = make_app()
    sign_up(first.test_client(), "grace", "hopper-1906")
    files = database_files(config)
    if not files or not any(b"grace" in f.read_bytes() for f in files):
        fail(f"the account in the database the config names ({config['SQLALCHEMY_DATABASE_URI']})",
             "no such file" if not files else "a file without the username 'grace' in it",
             request="create_app(config), then POST /register with username=grace",
             help="Leave SQLALCHEMY_DATABASE_URI to the config given to create_app: merge it "
                  "after your DEFAULTS, then db.init_app(app).")
    restarted = make_app()
    attempt = LoginTry(restarted, "grace", "hopper-1906")
    if not attempt:
        got, help = refused(attempt, "Keep the accounts in the database, not in a dict that the "
                                     "next start loses.")
        fail("a login on a new app built on the same database (a server restart)", got,
             request="POST /register with username=grace, then a new app from create_app(config) "
                     "with the same database, then POST /login", help=help)


# ---------------------------------------------------------------------------- the passwords


def test_no_plaintext_password_is_kept(app, config, sign_up):
    """the app keeps no plaintext password: not in the database file, not on the app, not in your modules"""
    password = "plain-" + secrets.token_hex(8)
    sign_up(app.test_client(), "grace", password)
    LoginTry(app, "grace", password)
    request = ("POST /register with username=grace and a password, then a login; then the "
               "checks looked inside")
    for path in database_files(config):
        if password.encode() in path.read_bytes():
            fail("no plaintext password in the database", f"the password is in {path.name}",
                 request=request,
                 help="Store generate_password_hash(password), never the password itself.")
    found = places_holding(app, password)
    if found:
        fail("the plaintext password not kept by the app", "it is kept in " + ", ".join(found[:3]),
             request=request + " (app.config, app.extensions, your modules' globals)",
             help="Hash it when the account is made and keep only the hash, in the database.")


def test_a_login_checks_the_stored_hash(make_app, credentials, sign_up):
    """every login, right or wrong, calls check_password_hash and hashes nothing"""
    with spy_on(security, "check_password_hash") as checks, \
            spy_on(security, "generate_password_hash") as hashes:
        app = make_app()
        sign_up(app.test_client(), **credentials)
        for label, data in (("the right username and password", credentials),
                            ("a wrong password", {**credentials, "password": WRONG}),
                            ("an unknown username (mallory)",
                             {"username": "mallory", "password": WRONG})):
            checks.reset()
            hashes.reset()
            if data is credentials:
                log_in(Browser(app), credentials)
            else:
                app.test_client().post("/login", data=data)
            request = (f"POST /login with {label} (the checks looked inside: they counted the "
                       "calls to werkzeug.security's functions)")
            hashes.expect_calls(
                0, request=request,
                why="Hash a password once, when the account is made, and the decoy once, when "
                    "the app is built (create_app): a login only checks.")
            checks.expect_calls(
                1, 10**9, request=request,
                why="Compare with check_password_hash(user.password_hash, password), or with "
                    "the decoy hash when there is no such user.")


def test_the_cookies_hold_no_password(app, config, member):
    """neither cookie (session or remember), which anyone can read, holds the password or a hash"""
    response = log_in(Browser(app), member, remember=True)
    for name, value, _ in cookies_set_by(response):
        data = session_data(config, value)
        readable = json.dumps(data, default=str) if data is not None else value
        expect(response).that(
            member["password"] not in readable and not re.search(HASH_PATTERN, readable),
            f"a {name!r} cookie without the password or its hash",
            got=f"the cookie's content (readable by anyone): {readable[:300]}",
            help="Flask-Login keeps only what get_id() returns; keep secrets out of it.")


# --------------------------------------------------------------------------- the strangers


def test_dashboard_sends_strangers_to_login_with_next(client):
    """without a login, GET /dashboard redirects to /login?next=/dashboard, which says "Please log in to access this page." """
    response = client.get("/dashboard")
    sent_to_login(response)
    location = response.headers.get("Location")
    nexts = parse_qs(urlsplit(location).query).get("next") or [""]
    asked = urlsplit(nexts[0])
    expect(response).that(asked.path == "/dashboard" and not asked.query and not asked.netloc,
                          "a next=/dashboard query on that redirect",
                          got=f"Location: {location}",
                          help="Flask-Login adds it when login_view is set and the view has "
                               "@login_required.")
    page = client.get(location)
    expect(page, after=[response]).status(200).that(
        PLEASE_LOG_IN in page_of(page).text, f"the login page saying {PLEASE_LOG_IN!r}",
        got=shown(page), help="Flask-Login flashes login_manager.login_message on the way; "
                              "base.html shows the flashed messages.")


def test_api_answers_401_json_without_a_login(client):
    """without a login, GET /api/me answers 401 with {"error": "login required"}, not a redirect"""
    response = client.get("/api/me")
    api_refuses(response)
    expect(response).json_equals({"error": "login required"})
    expect(response).that("Location" not in response.headers, "no Location header",
                          got=f"Location: {response.headers.get('Location')}")


def test_api_me_names_the_logged_in_user(app, member):
    """GET /api/me answers 200 with {"username": "ada"} for a logged-in user"""
    browser = Browser(app)
    login = log_in(browser, member)
    response = browser.get("/api/me")
    expect(response, after=[login]).status(200).json_includes({"username": USERNAME})


# ------------------------------------------------------------------------------------ next


def test_next_pointing_off_site_is_ignored(app, member):
    """a next pointing off the site, in any disguise, as a form field or in the query, lands on /dashboard"""
    browser = Browser(app)
    for label, target in TRICKS:
        for where, kwargs in (("form field", {"data": {**member, "next": target}}),
                              ("query string", {"data": member,
                                                "query_string": {"next": target}})):
            response = browser.post("/login", **kwargs)
            e = expect(response).status(*REDIRECTS, help=NEEDS_LOGIN)
            location = response.headers.get("Location") or ""
            host, path = lands_on(location, "http://localhost/login")
            e.that(not leaves_site(location) and host == "localhost" and path == "/dashboard",
                   f"a redirect to /dashboard: next={target!r} ({label}, as a {where}) is not "
                   "a path of this site",
                   got=f"Location: {location!r}: a browser goes to {host or '?'}{path}",
                   help="Follow next only when is_safe_next(next) says it is a path of this "
                        "site; else redirect to url_for(\"dashboard\").")


def test_a_local_next_is_followed(app, member):
    """next=/dashboard?tab=2, a path of this site, is followed after the login"""
    browser = Browser(app)
    for where, kwargs in (("form field", {"data": {**member, "next": "/dashboard?tab=2"}}),
                          ("query string", {"data": member,
                                            "query_string": {"next": "/dashboard?tab=2"}})):
        response = browser.post("/login", **kwargs)
        e = expect(response).status(*REDIRECTS, help=NEEDS_LOGIN)
        location = response.headers.get("Location") or ""
        target = urlsplit(urljoin("http://localhost/login", location))
        e.that(target.hostname == "localhost" and target.path == "/dashboard"
               and target.query == "tab=2",
               f"a redirect to /dashboard?tab=2, the next sent as a {where}",
               got=f"Location: {location!r}",
               help="Read next from the form, else from the query string, and follow it when "
                    "is_safe_next(next).")


def test_the_login_form_carries_next(app, member):
    """after asking for /dashboard?tab=2, the login form the redirect leads to (a wrong password, then the right one) lands on /dashboard?tab=2"""
    browser = Browser(app)
    asked = browser.get("/dashboard?tab=2")
    sent_to_login(asked)
    split = urlsplit(asked.headers.get("Location"))
    page_url = split.path + (f"?{split.query}" if split.query else "")
    page = browser.get(page_url)
    expect(page, after=[asked]).status(200)
    wrong = submit(browser, page_url, page, {"username": USERNAME, "password": WRONG})
    expect(wrong, after=[asked, f"GET {page_url}"]).status(
        401, help="A wrong password: 401 with the login form again.")
    response = submit(browser, page_url, wrong, member)
    e = expect(response, after=["GET /dashboard?tab=2 (not logged in)", f"GET {page_url}",
                                "the form submitted with a wrong password (401)",
                                "the form shown again, submitted with the right password"])
    e.status(*REDIRECTS, help=NEEDS_LOGIN)
    location = response.headers.get("Location") or ""
    target = urlsplit(urljoin("http://localhost/login", location))
    e.that(target.path == "/dashboard" and target.query == "tab=2",
           "a redirect to /dashboard?tab=2: the page asked for before the login",
           got=f"Location: {location!r}",
           help="Carry next through the form: a hidden field <input type=\"hidden\" "
                "name=\"next\" value=\"{{ next }}\"> (or a form without an action, which posts "
                "back to its own URL, query included), also on the form shown after a failed "
                "try.")


# -------------------------------------------------------------------------------- remember


def test_no_remember_cookie_unless_asked(app, member):
    """without the remember box ticked, no cookie outlives the browser: after a restart nobody is logged in"""
    browser = Browser(app)
    login = log_in(browser, member)
    kept = persistent_cookies(login)
    expect(login).that(not kept, "no cookie with an expiry date: the box was not ticked",
                       got=set_cookie_lines(login),
                       help="login_user(user, remember=...) with remember true only when the "
                            "form sent remember; and never session.permanent = True.")
    restarted = browser.restarted()
    sent_to_login(restarted.get("/dashboard"),
                  after=[f"{login.flaskcourse_request}\n(no remember)",
                         "the browser closed and opened again"],
                  help="Only a ticked box may keep the user logged in after the browser quits.")


def test_remember_cookie_flags(app, member):
    """with the box ticked, the remember cookie is HttpOnly and SameSite=Lax (or Strict)"""
    login = log_in(Browser(app), member, remember=True)
    kept = persistent_cookies(login)
    e = expect(login)
    e.that(bool(kept), "a remember cookie (a cookie with an expiry date)",
           got=set_cookie_lines(login),
           help="login_user(user, remember=True) when the form sent remember=on.")
    for name, _, attrs in kept:
        e.that("httponly" in attrs, f"the {name!r} cookie marked HttpOnly",
               got=set_cookie_lines(login), help="REMEMBER_COOKIE_HTTPONLY = True")
        e.that(attrs.get("samesite", "").lower() in ("lax", "strict"),
               f"the {name!r} cookie marked SameSite=Lax (or Strict)",
               got=set_cookie_lines(login),
               help="REMEMBER_COOKIE_SAMESITE = \"Lax\": SESSION_COOKIE_SAMESITE does not reach "
                    "Flask-Login's cookie, and its default is no SameSite at all.")


def test_session_cookie_flags(app, member):
    """every cookie the login sets is HttpOnly and SameSite=Lax (or Strict)"""
    login = log_in(Browser(app), member)
    cookies = cookies_set_by(login)
    e = expect(login)
    e.that(bool(cookies), "a session cookie set by the login", got=set_cookie_lines(login))
    for name, _, attrs in cookies:
        e.that("httponly" in attrs and attrs.get("samesite", "").lower() in ("lax", "strict"),
               f"the {name!r} cookie marked HttpOnly and SameSite=Lax (or Strict)",
               got=set_cookie_lines(login),
               help="SESSION_COOKIE_HTTPONLY = True and SESSION_COOKIE_SAMESITE = \"Lax\".")


def test_remember_cookie_expires_in_14_days(app, member, clock):
    """the remember cookie expires 14 days after the login"""
    login = log_in(Browser(app), member, remember=True)
    kept = persistent_cookies(login)
    e = expect(login)
    e.that(bool(kept), "a remember cookie (a cookie with an expiry date)",
           got=set_cookie_lines(login))
    now = now_utc()
    for name, _, attrs in kept:
        left = expiry_of(attrs, now) - now
        e.that(abs(left - FOURTEEN_DAYS) <= timedelta(minutes=1),
               f"the {name!r} cookie expiring 14 days after the login",
               got=f"it expires {left} after the login\n{set_cookie_lines(login)}",
               help="REMEMBER_COOKIE_DURATION = timedelta(days=14); Flask-Login's default is "
                    "365 days.")


def test_remember_cookie_restores_the_login(app, make_app, member, clock):
    """a browser restarted 13 days later is still logged in, on every request, even after a server restart"""
    browser = Browser(app)
    login = log_in(browser, member, remember=True)
    clock.advance(13 * 24 * 3600)
    restarted = browser.restarted()
    steps = [f"{login.flaskcourse_request}\nremember=on", "13 days later, the browser closed "
             f"and opened again (it kept: {restarted.cookie_names()})"]
    for n in (1, 2, 3):
        response = restarted.get("/dashboard")
        logged_in_as(response, USERNAME, after=steps,
                     help=None if n == 1 else
                     f"Request {n} after the restart lost the login. session_protection = "
                     "\"strong\" does this: a session restored from the remember cookie has no "
                     "_id, so the next request wipes it. Use \"basic\".")
        steps.append(f"GET /dashboard (answered {response.status_code})")
    api = restarted.get("/api/me")
    expect(api, after=steps).status(200).json_includes({"username": USERNAME})
    server = make_app()
    again = browser.restarted(server).get("/dashboard")
    logged_in_as(again, USERNAME,
                 after=steps[:2] + ["the server restarted too (a new app on the same database)"],
                 help="What get_id() returns must find the user again after a restart: keep it "
                      "in the database.")


def test_a_production_config_makes_cookies_secure(make_app, credentials, sign_up):
    """with SESSION_COOKIE_SECURE and REMEMBER_COOKIE_SECURE in the config, both cookies are Secure"""
    app = make_app(SESSION_COOKIE_SECURE=True, REMEMBER_COOKIE_SECURE=True)
    sign_up(app.test_client(), **credentials)
    login = log_in(Browser(app), credentials, remember=True)
    for name, _, attrs in cookies_set_by(login):
        expect(login, after=["create_app(config) with SESSION_COOKIE_SECURE = True and "
                             "REMEMBER_COOKIE_SECURE = True"]).that(
            "secure" in attrs, f"the {name!r} cookie marked Secure",
            got=set_cookie_lines(login),
            help="Merge the config given to create_app after your DEFAULTS, and don't set these "
                 "settings again afterwards.")


def test_forged_remember_cookies_log_nobody_in(app, make_app, member, sign_up):
    """a remember cookie edited by hand, with another user's name, or from another SECRET_KEY logs nobody in"""
    sign_up(app.test_client(), "bob", "bobs-password-1")
    browser = Browser(app)
    login = log_in(browser, member, remember=True)
    kept = {name: browser.value(name) for name, _, _ in persistent_cookies(login)}
    expect(login).that(bool(kept), "a remember cookie (a cookie with an expiry date)",
                       got=set_cookie_lines(login))
    forgeries = []
    for name, value in kept.items():
        middle = len(value) // 2
        edited = value[:middle] + ("A" if value[middle] != "A" else "B") + value[middle + 1:]
        forgeries.append((f"{name} with one character changed", {name: edited}))
        if USERNAME in value:
            forgeries.append((f"{name} with {USERNAME!r} changed to 'bob'",
                              {name: value.replace(USERNAME, "bob")}))
    stranger = make_app(SECRET_KEY="somebody-else's-key-entirely-0123456789")
    other = Browser(stranger)
    other_login = log_in(other, member, remember=True)
    forgeries.append(("the remember cookie of an app with another SECRET_KEY",
                      {n: other.value(n) for n, _, _ in persistent_cookies(other_login)}))
    for label, cookies in forgeries:
        forged = Browser(app)
        for name, value in cookies.items():
            forged.client.set_cookie(name, value)
        response = forged.get("/dashboard")
        sent_to_login(response, after=[f"{login.flaskcourse_request}\nremember=on",
                                       f"a new browser with only {label}: "
                                       + "; ".join(f"{n}={v}" for n, v in cookies.items())],
                      help="Your app believed a cookie nobody signed. Let Flask-Login set the "
                           "remember cookie (login_user(user, remember=True)): it signs it with "
                           "SECRET_KEY, taken from the config given to create_app.")


# ---------------------------------------------------------------------------------- logout


def test_logout_redirects_home_with_a_message(app, member):
    """POST /logout redirects (303/302) to /, which says "You have been logged out.", and the dashboard redirects to /login again"""
    browser = Browser(app)
    login = log_in(browser, member)
    logout = browser.post("/logout")
    e = expect(logout, after=[login])
    if logout.status_code == 200:
        e.fail("status 303 (or 302): a redirect after the POST", got=shown(logout),
               help="redirect(url_for(\"home\"), code=303)")
    e.status(*REDIRECTS)
    e.that(path_of(logout.headers.get("Location")) == "/", "a redirect to /",
           got=f"Location: {logout.headers.get('Location')}")
    home = browser.get("/")
    expect(home, after=[login, logout]).status(200).that(
        GOODBYE in page_of(home).text, f"the home page saying {GOODBYE!r}", got=shown(home),
        help="flash(\"You have been logged out.\") after logout_user(), before the redirect.")
    sent_to_login(browser.get("/dashboard"), after=[login, logout],
                  help="logout_user() forgets the user in this session.")


def test_logout_deletes_the_remember_cookie(app, member):
    """the logout deletes the remember cookie: a restarted browser is logged out"""
    browser = Browser(app)
    login = log_in(browser, member, remember=True)
    kept = [name for name, _, _ in persistent_cookies(login)]
    logout = browser.post("/logout")
    now = now_utc()
    deleted = {n for n, v, a in map(parse_cookie, logout.headers.getlist("Set-Cookie"))
               if is_deletion(v, a, now)}
    expect(logout, after=[f"{login.flaskcourse_request}\nremember=on"]).that(
        set(kept) <= deleted, f"a Set-Cookie deleting {', '.join(kept) or 'the remember cookie'}",
        got=set_cookie_lines(logout),
        help="logout_user() deletes the remember cookie when the request carries it.")
    sent_to_login(browser.restarted().get("/dashboard"),
                  after=[login, logout, "the browser closed and opened again"])


def test_copied_cookies_die_at_logout(app, member):
    """copies of the cookies taken before a logout log nobody in, box ticked or not"""
    for remember in (True, False):
        browser = Browser(app)
        login = log_in(browser, member, remember=remember)
        thief = browser.copy()
        before = thief.get("/dashboard")
        logged_in_as(before, USERNAME, after=[login, "the cookies copied to another browser"],
                     help="A copy of the cookies works until the logout: that is what they are.")
        logout = browser.post("/logout")
        expect(logout).status(*REDIRECTS)
        steps = [f"{login.flaskcourse_request}\n" + ("remember=on" if remember else
                                                     "(the remember box not ticked)"),
                 "the cookies copied to another browser", "POST /logout in the first browser"]
        sent_to_login(thief.get("/dashboard"), after=steps + ["the copy asks for /dashboard"],
                      help="Give the user a new session token at every logout, box ticked or "
                           "not, before logout_user(), and make get_id() return it: every "
                           "cookie with the old one then names nobody.")
        if remember:
            sent_to_login(thief.restarted().get("/dashboard"),
                          after=steps + ["the copy's browser restarted (only the remember "
                                         "cookie left)"],
                          help="The copied remember cookie still logs in. get_id() must return "
                               "the session token, and the logout must replace it.")


def test_logout_without_a_login_redirects_home(app, member):
    """POST /logout without a login redirects to / too, saying "You have been logged out." """
    visitor = Browser(app)
    browser = Browser(app)
    login = log_in(browser, member)
    stale = browser.copy()
    logout = browser.post("/logout")
    expect(logout, after=[login]).status(*REDIRECTS)
    for who, other, steps in (
            ("a visitor (nobody logged in)", visitor, []),
            ("a copy of a session whose login a logout ended", stale,
             [login, "the cookies copied to another browser",
              "POST /logout in the first browser"])):
        response = other.post("/logout")
        e = expect(response, after=steps)
        e.status(*REDIRECTS)
        e.that(path_of(response.headers.get("Location")) == "/",
               f"a redirect to /: POST /logout by {who} logs out too",
               got=f"status {response.status_code}, Location: {response.headers.get('Location')}",
               help="POST /logout answers everyone the same: no @login_required on it (a page "
                    "still open after a logout elsewhere has the button too). Change the token "
                    "only if current_user.is_authenticated, then logout_user() and redirect.")
        home = other.get("/")
        expect(home, after=steps + [response]).status(200).that(
            GOODBYE in page_of(home).text, f"the home page saying {GOODBYE!r}", got=shown(home),
            help="flash(\"You have been logged out.\") whoever asked.")


def test_logout_needs_a_post(app, member):
    """GET /logout logs nobody out: a state change needs a POST"""
    browser = Browser(app)
    login = log_in(browser, member)
    visit = browser.get("/logout")
    response = browser.get("/dashboard")
    expect(response, after=[login, visit]).status(
        200, help="Only POST /logout may log out: any page can make a browser follow a link.")


# -------------------------------------------------------- fresh logins and deleted accounts


def test_a_remembered_login_cannot_delete_the_account(app, member):
    """a login restored from the remember cookie sees the dashboard but must type the password again for /account/delete"""
    browser = Browser(app)
    login = log_in(browser, member, remember=True)
    restarted = browser.restarted()
    steps = [f"{login.flaskcourse_request}\nremember=on", "the browser closed and opened again"]
    logged_in_as(restarted.get("/dashboard"), USERNAME, after=steps)
    for method in ("GET", "POST"):
        response = restarted.open(method, "/account/delete")
        sent_to_login(response, after=steps + ["GET /dashboard (answered 200)"],
                      help="@fresh_login_required on both /account/delete views, and "
                           "login_manager.refresh_view = \"login\": a remembered login must "
                           "type the password again.")
    expect(response).that(bool(LoginTry(app, **member)), "the account still there",
                          got="its password logs in no more")
    location = response.headers.get("Location")
    split = urlsplit(urljoin("http://localhost/account/delete", location))
    page_url = split.path + (f"?{split.query}" if split.query else "")
    page = restarted.get(page_url)
    steps.append(f"POST /account/delete (answered {response.status_code}, Location: {location})")
    expect(page, after=steps).status(
        200, help="The login page shows its form to a remembered login too: it is where the "
                  "password is typed again. Don't send logged-in users away from it.")
    relogin = submit(restarted, page_url, page, member)
    expect(relogin, after=steps + [f"GET {page_url}"]).status(*REDIRECTS, help=NEEDS_LOGIN)
    confirm = restarted.get("/account/delete")
    expect(confirm, after=steps + [f"GET {page_url}", "the password typed in its form"]).status(
        200, help="Typing the password again (login_user) makes the login fresh.")


def test_a_session_cookie_from_another_browser_cannot_delete(app, member):
    """the session cookie of a fresh login, sent from another browser, cannot delete the account"""
    browser = Browser(app)
    login = log_in(browser, member)
    thief = browser.copy(user_agent=OTHER_BROWSER)
    steps = [login, f"the cookies copied to another browser (User-Agent: {OTHER_BROWSER})"]
    for method in ("GET", "POST"):
        response = thief.open(method, "/account/delete")
        sent_to_login(response, after=steps,
                      help="login_manager.session_protection = \"basic\": a session that moved "
                           "to another browser stops being fresh, and @fresh_login_required "
                           "asks for the password.")
    expect(response).that(bool(LoginTry(app, **member)), "the account still there",
                          got="its password logs in no more")


def test_a_fresh_login_can_delete_the_account(app, member):
    """after logging in with the password, GET /account/delete shows a form and POST deletes the account, logs out (the remember cookie too) and redirects to /, which says "Your account has been deleted." """
    browser = Browser(app)
    login = log_in(browser, member, remember=True)
    kept = [name for name, _, _ in persistent_cookies(login)]
    confirm = browser.get("/account/delete")
    e = expect(confirm, after=[login]).status(200)
    actions = [f["attrs"].get("action") for f in post_forms(confirm.get_data(as_text=True))]
    e.that(any(path_of(urljoin("http://localhost/account/delete", a or "")) == "/account/delete"
               for a in actions),
           'a <form method="post"> that posts to /account/delete (or has no action)',
           got=f"{shown(confirm)}\n(post forms with the actions {actions})")
    deleted = browser.post("/account/delete")
    e = expect(deleted, after=[login, confirm])
    e.status(*REDIRECTS)
    e.that(path_of(deleted.headers.get("Location")) == "/", "a redirect to /",
           got=f"Location: {deleted.headers.get('Location')}")
    now = now_utc()
    gone = {n for n, v, a in map(parse_cookie, deleted.headers.getlist("Set-Cookie"))
            if is_deletion(v, a, now)}
    e.that(set(kept) <= gone, f"a Set-Cookie deleting {', '.join(kept)}: the user logged out",
           got=set_cookie_lines(deleted),
           help="Log the user out after deleting the account: logout_user() deletes the "
                "remember cookie too.")
    home = browser.get("/")
    expect(home, after=[login, confirm, deleted]).status(200).that(
        DELETED in page_of(home).text, f"the home page saying {DELETED!r}", got=shown(home),
        help=f"flash({DELETED!r}) before the redirect.")
    sent_to_login(browser.get("/dashboard"), after=[login, deleted],
                  help="Log the user out after deleting the account: logout_user().")
    e.that(not LoginTry(app, **member), "the account gone: its password logs in no more",
           got="the login still works",
           help="db.session.delete(current_user._get_current_object()), then commit.")


def test_a_deleted_accounts_cookies_log_nobody_in(app, member):
    """after the account is deleted, copies of its cookies log nobody in, and nothing answers 500"""
    browser = Browser(app)
    login = log_in(browser, member, remember=True)
    thief = browser.copy()
    deleted = browser.post("/account/delete")
    expect(deleted, after=[login]).status(
        *REDIRECTS, help="This check needs POST /account/delete to work after a fresh login.")
    steps = [f"{login.flaskcourse_request}\nremember=on", "the cookies copied to another browser",
             "POST /account/delete in the first browser"]
    help = ("The user_loader must return None for an id it does not know: "
            "db.session.execute(query).scalar_one_or_none(), never scalar_one() or first_or_404.")
    for who, other in (("the copy", thief), ("the copy, restarted", thief.restarted())):
        for path in ("/", "/login"):
            response = other.get(path)
            expect(response, after=steps + [f"{who} asks for {path}"]).status(200, help=help)
        sent_to_login(other.get("/dashboard"), after=steps + [f"{who} asks for /dashboard"],
                      help=help)
        api_refuses(other.get("/api/me"), after=steps + [f"{who} asks for /api/me"], help=help)


# ---------------------------------------------------------------------------------- header


def links_to_login(response):
    return [href for href in re.findall(r"""<a\b[^>]*\bhref\s*=\s*["']([^"']*)["']""",
                                        response.get_data(as_text=True), re.I)
            if path_of(urljoin("http://localhost/", href)) == "/login"]


def logout_forms(response):
    return [f for f in Forms(response.get_data(as_text=True)).forms
            if f["attrs"].get("method", "get").lower() == "post"
            and path_of(urljoin("http://localhost/", f["attrs"].get("action", ""))) == "/logout"]


def test_every_page_header_shows_who_is_logged_in(app, member):
    """every page's header names the logged-in user with a log-out form; a visitor's has a link to /login"""
    visitor = Browser(app)
    for path in ("/", "/register"):
        response = visitor.get(path)
        e = expect(response).status(200)
        e.that(bool(links_to_login(response)) and not logout_forms(response),
               "a link to /login and no log-out form: nobody is logged in", got=shown(response),
               help="In base.html: {% if current_user.is_authenticated %} ... {% else %} "
                    "<a href=\"{{ url_for('login') }}\">Log in</a> {% endif %}")
    browser = Browser(app)
    login = log_in(browser, member)
    for path in ("/", "/dashboard"):
        response = browser.get(path)
        e = expect(response, after=[login]).status(200)
        e.that(bool(names(response, USERNAME)) and bool(logout_forms(response)),
               f"the header naming {USERNAME!r}, with a <form method=\"post\" "
               "action=\"/logout\">", got=shown(response),
               help="In base.html, which every page extends: Logged in as "
                    "{{ current_user.username }} and a form posting to url_for('logout').")
