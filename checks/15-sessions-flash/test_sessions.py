"""Lesson 15: log in and out with Flask's signed session cookie, flash messages and
Post/Redirect/Get.

The checks read pages the way a browser would (flaskcourse.checking.html): a message may sit in
any element. A failed login may be answered either way the lesson allows: 401 with the form
again, or a redirect back to /login that shows a flashed error.
"""

import json
import re
import secrets
from urllib.parse import urlencode, urljoin, urlsplit

from flask import Flask
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import BadSignature
from werkzeug import security

from flaskcourse.checking import expect
from flaskcourse.checking import learner
from flaskcourse.checking.html import page_of
from flaskcourse.checking.inspect_app import expect_not_kept
from flaskcourse.checking.redirects import TRICKS, lands_on, leaves_site
from flaskcourse.checking.spy import spy_on

USERNAME = "ada"  # the user conftest.py puts in config["USERS"]

WELCOME = f"Welcome, {USERNAME}"
GOODBYE = "You have been logged out"
REDIRECTS = (302, 303)
PRG_HELP = ("Post/Redirect/Get: after a successful POST answer redirect(url_for(...), code=303) "
            "rather than a page. The browser then GETs the next page, and reloading it does not "
            "send the form again.")
NEEDS_LOGIN = "This check needs a working login first: POST /login with the right password."
LOGGED_IN = f"POST /login as {USERNAME} with the right password (answered with a redirect)"
NOT_FOLLOWED = "(the redirect is not followed: the checks look at your app's first answer)"


# ---------------------------------------------------------------------------------- helpers


def path_of(location):
    return urlsplit(location or "").path


def words(response):
    """The page's visible text, spaces normalised, lower case."""
    return " ".join(page_of(response).text.split()).lower()


def shown(response):
    """The status and the page as a browser shows it (no <style> or <script> text)."""
    text = page_of(response).text
    if len(text) > 300:
        text = text[:300] + f"… ({len(text)} characters in all)"
    return f"status {response.status_code} ({response.mimetype})\n{text}"


def names_user(response):
    return re.search(rf"(?<!\w){re.escape(USERNAME)}(?!\w)", page_of(response).text, re.I)


def cookies_set_by(response):
    """[(name, value, {attribute: value})] for each cookie the response sets (not deletes)."""
    found = []
    for header in response.headers.getlist("Set-Cookie"):
        first, _, rest = header.partition(";")
        name, _, value = first.strip().partition("=")
        attrs = {}
        for part in rest.split(";"):
            key, _, val = part.strip().partition("=")
            if key:
                attrs[key.lower()] = val.strip()
        deleted = (value.strip('"') == "" or attrs.get("max-age") == "0"
                   or "1970" in attrs.get("expires", ""))
        if not deleted:
            found.append((name, value, attrs))
    return found


def log_in(client, credentials, precondition=True):
    """POST the right username and password; expect a redirect to /dashboard."""
    __tracebackhide__ = True
    response = client.post("/login", data=credentials)
    e = expect(response)
    if response.status_code == 200:
        e.fail("status 303 (or 302) redirecting to /dashboard, not a page", got=shown(response),
               help=PRG_HELP + ("" if not precondition else "\n" + NEEDS_LOGIN))
    e.status(302, 303, help=None if not precondition else NEEDS_LOGIN)
    e.that(path_of(response.headers.get("Location")) == "/dashboard",
           "a redirect to /dashboard",
           got=f"status {response.status_code}, Location: {response.headers.get('Location')}")
    return response


def login_cookies(client, credentials):
    """Log in; return the cookies the login response set, failing if it set none."""
    __tracebackhide__ = True
    response = log_in(client, credentials)
    cookies = cookies_set_by(response)
    expect(response).that(
        bool(cookies), "a Set-Cookie header on the login response (the session cookie)",
        got=f"status {response.status_code} with no cookie set",
        help='Put the user in the session: session["user"] = username. Flask then sends the '
             "signed session cookie with this response.")
    return response, cookies


def sent_to_login(response, after=(), help=None):
    """A redirect (302/303/307) whose Location is the login page."""
    __tracebackhide__ = True
    e = expect(response, after=after)
    if response.status_code == 200:
        e.fail("a redirect to /login: nobody is logged in", got=shown(response), help=help)
    if response.status_code in (401, 403):
        e.fail("a redirect to /login",
               help="A browser would just show an error page. Send the visitor to the login "
                    "form instead: return redirect(url_for(...)).")
    e.status(*REDIRECTS, help=help)
    location = response.headers.get("Location")
    e.that(path_of(location) == "/login", "a redirect to /login (a ?next=... query is fine)",
           got=f"status {response.status_code}, Location: {location}")


def failed_login(client, data, help=None):
    """POST a login that must fail; return (response, error texts) either way the lesson allows."""
    __tracebackhide__ = True
    empty = client.get("/login")
    expect(empty).status(200, help="These checks compare the page of a failed login with the "
                                   "empty form at GET /login, so that has to work first.")
    baseline = set(page_of(empty).texts)
    response = client.post("/login", data=data)
    e = expect(response)
    location = response.headers.get("Location")
    if response.status_code in (302, 303) and path_of(location) == "/login":
        page = page_of(client.get(location))  # the flashed error is on the page after the redirect
    elif response.status_code == 401:
        page = page_of(response)
        e.that("password" in page.fields, "the login form again, with an input named password",
               got=shown(response),
               help='Render the login template again: return render_template(...), 401.')
    elif response.status_code in (302, 303):
        e.fail("status 401 with the login form again (or a redirect back to /login)",
               got=f"status {response.status_code}, Location: {location}",
               help="That redirect goes where a successful login goes: did the wrong password "
                    "log the user in?")
    else:
        e.fail("status 401 with the login form and an error (or a redirect back to /login "
               "with a flashed error)", got=shown(response),
               help="A 200 tells the browser, and any program, that the login worked. 401 "
                    "Unauthorized says the credentials were wrong."
               if response.status_code == 200 else help)
    errors = [t for t in page.texts if t not in baseline]
    e.that(bool(errors), "an error message on the page (text the empty login form does not have)",
           got=f"the page after the failed login: {' '.join(page.texts)[:300]}",
           help="Show why: pass an error to the template, or flash() it before redirecting.")
    return response, errors, page


def session_data(config, value):
    """The data of a Flask session cookie signed with the checks' SECRET_KEY, or None."""
    judge = Flask("flaskcourse_key_check")
    judge.secret_key = config["SECRET_KEY"]
    try:
        return SecureCookieSessionInterface().get_signing_serializer(judge).loads(value)
    except BadSignature:
        return None


def shown_once(client, first, phrase, after=()):
    """``phrase`` is on the page after a redirect, and shown fewer times on the next load."""
    __tracebackhide__ = True
    e = expect(first, after=after).status(200)
    before = words(first).count(phrase.lower())
    e.that(before >= 1, f"the flashed message {phrase!r} on the page after the redirect",
           got=f"a page without it: {shown(first)}",
           help="flash() the message before you redirect, and render the messages with "
                "get_flashed_messages() in the base template, so every page can show them.")
    again = client.get(first.request.path)
    later = words(again).count(phrase.lower())
    expect(again, after=[*after, first]).that(
        later < before,
        f"{phrase!r} gone on the next load of {first.request.path}: a flash is shown once",
        got=f"shown {later} time(s) again (it was shown {before} time(s) the first time)",
        help="Read the messages with get_flashed_messages(), which removes them from the "
             "session. A message kept in session['...'] by hand, or flashed by the page's own "
             "GET view, comes back on every load.")


# ------------------------------------------------------------------------------- the login


def test_login_page_shows_a_form(client):
    """GET /login shows a form that posts a username and a password"""
    response = client.get("/login")
    e = expect(response).status(200)
    page = page_of(response)
    missing = [name for name in ("username", "password") if name not in page.fields]
    e.that(not missing, "a form with inputs named username and password",
           got=f"{shown(response)}\n(no input named {' or '.join(missing)})")
    e.that(any(form.get("method", "get").lower() == "post" for form in page.forms),
           'a <form method="post">',
           help="A password in a GET form ends up in the URL: in the history, in server logs.")


def test_good_login_redirects_to_the_dashboard(client, credentials):
    """the right username and password are answered with a redirect (302/303) to /dashboard, not a page"""
    log_in(client, credentials, precondition=False)


def test_the_login_form_is_shown_when_logged_in(client, credentials):
    """GET /login shows the form to a user who is logged in already, too"""
    login = log_in(client, credentials)
    response = client.get("/login")
    e = expect(response, after=[login])
    e.status(200, help="Show the login form to everyone, a member too: someone logged in may "
                       "want to log in as somebody else. Don't send a member away from it.")
    missing = [name for name in ("username", "password") if name not in page_of(response).fields]
    e.that(not missing, "the login form, with inputs named username and password",
           got=f"{shown(response)}\n(no input named {' or '.join(missing)})")


def test_session_survives_further_requests(client, credentials):
    """after logging in, the dashboard names the user on every further request"""
    login = log_in(client, credentials)
    for n in (1, 2):
        response = client.get("/dashboard")
        e = expect(response, after=[login] + (["GET /dashboard (answered 200)"] if n == 2 else []))
        e.status(200, help='Keep the user in the session (session["user"] = username) and read '
                           "it back in the dashboard view.")
        e.that(bool(names_user(response)), f"a page that names the user, {USERNAME!r}",
               got=shown(response))


def test_welcome_flash_is_shown_once(client, credentials):
    """"Welcome, ada" is flashed on the page after the login redirect, and not shown again"""
    first = client.post("/login", data=credentials, follow_redirects=True)
    shown_once(client, first, WELCOME)


def test_wrong_password_is_refused(client, credentials):
    """a wrong password gets 401 (or a redirect back to /login) with an error, and no session"""
    wrong = {**credentials, "password": "Tr0ub4dor&3"}
    failed_login(client, wrong)
    sent_to_login(client.get("/dashboard"),
                  after=["POST /login with a wrong password (refused)"],
                  help="The failed login must not put anyone in the session.")


def test_unknown_user_gets_the_same_answer(client, credentials):
    """an unknown username gets exactly the same answer as a wrong password"""
    wrong = {**credentials, "password": "Tr0ub4dor&3"}
    unknown = {"username": "mallory", "password": "Tr0ub4dor&3"}
    first, errors_wrong, page_wrong = failed_login(client, wrong)
    response, errors_unknown, page_unknown = failed_login(client, unknown)
    status_wrong, status_unknown = first.status_code, response.status_code

    def neutral(texts, name):
        return [re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", "<username>", t) for t in texts]

    expect(response).that(
        status_unknown == status_wrong
        and neutral(errors_unknown, "mallory") == neutral(errors_wrong, USERNAME),
        f"the same status and message as for a wrong password (status {status_wrong}: "
        f"{' / '.join(errors_wrong)})",
        got=f"status {status_unknown}: {' / '.join(errors_unknown)}",
        help="Any difference tells a stranger which usernames exist (user enumeration). Say "
             "one thing for both: \"Invalid username or password.\"")
    fields_wrong = dict(zip(page_wrong.fields, neutral(page_wrong.fields.values(), USERNAME)))
    fields_unknown = dict(zip(page_unknown.fields,
                              neutral(page_unknown.fields.values(), "mallory")))
    expect(response).that(
        neutral(page_unknown.texts, "mallory") == neutral(page_wrong.texts, USERNAME)
        and fields_unknown == fields_wrong,
        "the very same page as for a wrong password, apart from the typed username",
        got=f"for the unknown user: {' '.join(page_unknown.texts)[:200]} fields "
            f"{fields_unknown}\nfor a wrong password: {' '.join(page_wrong.texts)[:200]} "
            f"fields {fields_wrong}",
        help="Render the same template with the same values on both paths: keep the typed "
             "username in the form whether that user exists or not.")


def test_blank_fields_get_the_same_answer(client, credentials):
    """an empty username or password gets the same answer as a wrong password"""
    wrong = {**credentials, "password": "Tr0ub4dor&3"}
    first, errors_wrong, _ = failed_login(client, wrong)
    expected = [re.sub(rf"(?<!\w){re.escape(USERNAME)}(?!\w)", "<username>", t)
                for t in errors_wrong]
    for label, data in (("an empty password", {**credentials, "password": ""}),
                        ("an empty username", {"username": "", "password": "Tr0ub4dor&3"}),
                        ("both fields empty", {"username": "", "password": ""})):
        response, errors, _ = failed_login(
            client, data,
            help=f"A login with {label} is a failed login like any other: answer it the way "
                 f"you answer a wrong password (status {first.status_code}), not with an "
                 "answer of its own.")
        if data["username"]:
            errors = [re.sub(rf"(?<!\w){re.escape(USERNAME)}(?!\w)", "<username>", t)
                      for t in errors]
        expect(response).that(
            response.status_code == first.status_code and errors == expected,
            f"the same status and message as for a wrong password (status "
            f"{first.status_code}: {' / '.join(errors_wrong)})",
            got=f"status {response.status_code}: {' / '.join(errors)}",
            help=f"A login with {label} failed like any other: one answer for every failure, "
                 "\"Invalid username or password.\" A message of its own tells a stranger "
                 "something the other failures do not.")


def test_an_unknown_user_costs_a_password_check_too(make_app, credentials):
    """an unknown username is checked against a decoy hash: as many check_password_hash calls as a wrong password"""
    with spy_on(security, "check_password_hash") as spy:
        client = make_app().test_client()
        spy.reset()
        client.post("/login", data={**credentials, "password": "Tr0ub4dor&3"})
        wrong = spy.count
        spy.reset()
        client.post("/login", data={"username": "mallory", "password": "Tr0ub4dor&3"})
    spy.expect_calls(
        max(wrong, 1), max(wrong, 1),
        request="POST /login with username=mallory (no such user) (the checks looked inside: "
                "they counted the calls to werkzeug.security.check_password_hash; a wrong "
                f"password made {wrong})",
        why="For an unknown username, check the password against a decoy hash anyway, so both "
            "failures take about as long and the time taken does not tell who exists.")


def test_failed_login_keeps_the_username_not_the_password(client, credentials):
    """a failed login never shows the typed password; a 401 form keeps the typed username"""
    typed = {"username": USERNAME, "password": "hunter2-" + secrets.token_hex(4)}
    response, _, page = failed_login(client, typed)
    raw = (response.get_data(as_text=True) if response.status_code == 401
           else " ".join(page.texts) + json.dumps(page.fields))
    expect(response).that(
        typed["password"] not in raw and typed["password"] not in json.dumps(page.fields),
        "the page after a failed login without the typed password",
        got=f"the password {typed['password']!r} is in the page",
        help="Never put a password back into a page: leave the password input empty.")
    if response.status_code == 401:
        expect(response).that(
            page.fields.get("username") == USERNAME,
            f'the form again with the typed username kept (value="{USERNAME}")',
            got=f"username field: {page.fields.get('username')!r}",
            help="Pass the typed username back to the template: render_template(..., "
                 "username=username), and use it as the input's value.")


def test_no_plaintext_password_is_kept(make_app):
    """the app keeps only hashes: no plaintext password outside the config it was given"""
    password = "plain-" + secrets.token_hex(8)
    app = make_app(USERS={"grace": password})
    response = app.test_client().post("/login", data={"username": "grace", "password": password})
    expect(response).status(*REDIRECTS, help="The checks built the app with USERS = "
                                             "{\"grace\": <a password>} and logged in.")
    expect_not_kept(
        app, password, what="the plaintext password (outside app.config[\"USERS\"])",
        request="create_app(config) with USERS = {\"grace\": <a password>}, then the "
                "checks looked inside the app (app.extensions, app.config without "
                "USERS) and your modules' globals",
        why="Hash every password once, when the app is built "
            "(generate_password_hash), and keep only the hashes.", ignoring=("USERS",))


def test_an_app_knows_only_its_own_users(make_app):
    """two apps built one after the other each log in only the users of their own USERS"""
    carol = {"username": "carol", "password": "carol-" + secrets.token_hex(4)}
    dave = {"username": "dave", "password": "dave-" + secrets.token_hex(4)}
    first = make_app(USERS={carol["username"]: carol["password"]})
    second = make_app(reimport=False, USERS={dave["username"]: dave["password"]})
    built = ("create_app(config) with USERS = {\"carol\": ...}, then (same module) with "
             "USERS = {\"dave\": ...}")
    for app, own, other, which in ((first, carol, dave, "first"), (second, dave, carol, "second")):
        response = app.test_client().post("/login", data=own)
        e = expect(response, after=[built])
        e.status(*REDIRECTS,
                 help=f"The {which} app must log in {own['username']}, who is in its USERS. "
                      "Keep each app's hashes on that app (app.extensions, say), built from "
                      "its own config.")
        response = app.test_client().post("/login", data=other)
        location = response.headers.get("Location")
        expect(response, after=[built]).that(
            response.status_code == 401
            or (response.status_code in REDIRECTS and path_of(location) == "/login"),
            f"the {which} app refusing {other['username']}, who is only in the other app's "
            "USERS (401, or a redirect back to /login)",
            got=f"status {response.status_code}, Location: {location}",
            help="Each app knows the users of the config it was built with, and no others. "
                 "Keep the hashes on the app, not in a module-level dict that every "
                 "create_app fills in (or replaces).")


def test_a_login_checks_the_stored_hash(make_app, credentials):
    """a login, right or wrong, calls check_password_hash and hashes nothing at request time"""
    with spy_on(security, "check_password_hash") as checks, \
            spy_on(security, "generate_password_hash") as hashes:
        client = make_app().test_client()
        checks.reset()
        hashes.reset()
        log_in(client, credentials)
        request = ("POST /login with the right username and password (the checks looked "
                   "inside: they counted the calls to werkzeug.security's functions)")
        hashes.expect_calls(0, request=request,
                            why="Hash the passwords once, when the app is built; a login only "
                                "checks.")
        checks.expect_calls(1, 10**9, request=request,
                            why="Compare with check_password_hash(stored_hash, password). A "
                                "plaintext comparison means the plaintext was kept.")
        for what, data in (("a wrong password", {**credentials, "password": "Tr0ub4dor&3"}),
                           ("an unknown username", {"username": "mallory",
                                                    "password": "Tr0ub4dor&3"})):
            hashes.reset()
            client.post("/login", data=data)
            hashes.expect_calls(
                0, request=f"POST /login with {what} (the checks counted the calls to "
                           "werkzeug.security.generate_password_hash)",
                why="A failed login hashes nothing either. Make the decoy hash for unknown "
                    "usernames once, when the app is built, and keep it with the others.")


def test_usernames_are_shown_as_text(make_app):
    """a username like <b>x</b> is shown as text, never as markup: on the dashboard, in the welcome and in the form again"""
    name, password = 'x"><b>bold</b>', "pw-" + secrets.token_hex(4)
    client = make_app(USERS={name: password}).test_client()
    first = client.post("/login", data={"username": name, "password": password},
                        follow_redirects=True)
    e = expect(first, after=[f"USERS = {{{name!r}: ...}}"]).status(200)
    e.that(f"Welcome, {name}" in page_of(first).text,
           f"the text 'Welcome, {name}' on the page after the login, the name shown as text",
           got=shown(first),
           help="Print values with {{ }} (Jinja escapes them); never |safe or Markup on them.")
    again = client.get("/dashboard")
    expect(again).that(name in page_of(again).text,
                       f"the dashboard showing the username {name!r} as text", got=shown(again),
                       help="Print the username with {{ user }}: Jinja escapes it.")
    fresh = make_app(USERS={name: password}).test_client()
    response = fresh.post("/login", data={"username": name, "password": "wrong"})
    if response.status_code == 401:
        kept = page_of(response).fields.get("username")
        expect(response).that(kept == name,
                              f"the form again with the typed username {name!r} as the "
                              "input's value, escaped",
                              got=f"username field: {kept!r}",
                              help='Use value="{{ username }}": Jinja escapes the quote.')


def test_next_is_shown_as_text_in_the_login_form(client, credentials):
    """a next like "><script>... is kept in the login form as text, never as markup"""
    target = '/x"><script>flaskcourse_next()</script><b title="'
    pages = [(client.get("/login", query_string={"next": target}),
              f"GET /login?next={target}")]
    failed = client.post("/login", data={**credentials, "password": "Tr0ub4dor&3",
                                         "next": target})
    if failed.status_code in REDIRECTS:
        location = failed.headers.get("Location") or ""
        pages.append((client.get(location), f"GET {location}, after a failed login"))
    else:
        pages.append((failed, f"POST /login with a wrong password and next={target}"))
    for response, what in pages:
        live = page_of(response).live_code("flaskcourse_next")
        expect(response).that(
            not live, f"the next {target!r} printed as text ({what})",
            got=f"code a browser would run: {live[0] if live else ''}",
            help="next comes from the client like any other value: print it with {{ next }} "
                 "(Jinja escapes the quote), never with |safe or Markup.")


# ------------------------------------------------------------------------------ logged out


def test_dashboard_redirects_to_login_when_logged_out(client):
    """GET /dashboard without logging in redirects to /login"""
    sent_to_login(client.get("/dashboard"),
                  help='Protect the view: if "user" not in session, return '
                       'redirect(url_for(...)) to the login page.')


def test_logout_clears_the_session(client, credentials):
    """POST /logout redirects, and afterwards the dashboard redirects to /login again"""
    login = log_in(client, credentials)
    logout = client.post("/logout")
    e = expect(logout, after=[login])
    if logout.status_code == 200:
        e.fail("status 303 (or 302): a redirect after the POST", got=shown(logout),
               help=PRG_HELP)
    e.status(302, 303)
    e.that(path_of(logout.headers.get("Location")) == "/login", "a redirect to /login",
           got=f"Location: {logout.headers.get('Location')}")
    sent_to_login(client.get("/dashboard"), after=[login, logout],
                  help="Logging out must forget the user: session.clear() (or "
                       "session.pop(\"user\", None), the very key the login set).")


def test_logout_needs_a_post(client, credentials):
    """GET /logout logs nobody out: a state change needs a POST"""
    login = log_in(client, credentials)
    visit = client.get("/logout")
    response = client.get("/dashboard")
    expect(response, after=[login, visit]).status(
        200, help="Logging out changes state, so only POST /logout may do it: any page can "
                  "make a browser follow a link (even an <img> can). Use @app.post(\"/logout\").")


def test_logout_without_a_session_says_goodbye_too(client):
    """POST /logout with nobody logged in also redirects to /login, which says goodbye"""
    response = client.post("/logout")
    e = expect(response)
    e.status(*REDIRECTS, help="Logging out works for anyone, logged in or not (a session may "
                              "have run out): keep @login_required off the logout view.")
    location = response.headers.get("Location")
    e.that(path_of(location) == "/login", "a redirect to /login",
           got=f"status {response.status_code}, Location: {location}")
    page = client.get(location)
    expect(page, after=[response]).that(
        GOODBYE.lower() in words(page),
        f"{GOODBYE!r} on the login page after the logout, with nobody logged in before",
        got=shown(page),
        help="The logout says goodbye to anyone who asks: session.clear(), flash(...), redirect. "
             "A @login_required on it sends a visitor without a session to the login form "
             "with no message (and a next pointing at a page that only takes POST).")


def test_the_session_holds_no_password(client, config, credentials):
    """the session cookie, which anyone can read, holds no password and no password hash"""
    response, cookies = login_cookies(client, credentials)
    for name, value, _ in cookies:
        data = session_data(config, value)
        shown_data = json.dumps(data if data is not None else value, default=str)
        secret = re.search(r"(scrypt|pbkdf2|argon2)[:$]|\$2[aby]\$", shown_data)
        expect(response, after=[NOT_FOLLOWED]).that(
            credentials["password"] not in shown_data and not secret,
            f"a {name!r} cookie without the password or its hash",
            got=f"the cookie's data (base64, readable by anyone): {shown_data[:300]}",
            help="Anyone can read the session. Keep the username in it, nothing secret.")


def test_logout_message_is_flashed_once(client, credentials):
    """"You have been logged out" is flashed on the page after the logout redirect, once"""
    login = log_in(client, credentials)
    client.get("/dashboard")  # shows (and so uses up) the welcome message
    first = client.post("/logout", follow_redirects=True)
    shown_once(client, first, GOODBYE, after=[login, "GET /dashboard"])


# ------------------------------------------------------------------------------ the cookie


def test_session_cookie_is_httponly(client, credentials):
    """the cookie set at login is HttpOnly, out of reach of the page's JavaScript"""
    response, cookies = login_cookies(client, credentials)
    bare = [name for name, _, attrs in cookies if "httponly" not in attrs]
    expect(response, after=[NOT_FOLLOWED]).that(
        not bare, "every cookie the login sets marked HttpOnly",
        got="\n".join(h for h in response.headers.getlist("Set-Cookie")),
        help="Keep the user in Flask's session, and leave SESSION_COOKIE_HTTPONLY at True: an "
             "XSS bug could otherwise read the cookie with document.cookie and send it away.")


def test_session_cookie_is_samesite_lax(client, credentials):
    """the cookie set at login is SameSite=Lax (or Strict)"""
    response, cookies = login_cookies(client, credentials)
    loose = [name for name, _, attrs in cookies
             if attrs.get("samesite", "").lower() not in ("lax", "strict")]
    expect(response, after=[NOT_FOLLOWED]).that(
        not loose, "every cookie the login sets marked SameSite=Lax (or Strict)",
        got="\n".join(h for h in response.headers.getlist("Set-Cookie")),
        help='Set SESSION_COOKIE_SAMESITE = "Lax" in the app\'s config: the browser then leaves '
             "the cookie out of POSTs that other sites make to yours.")


def test_edited_cookie_is_not_trusted(app, client, credentials):
    """a session cookie with one character changed is not trusted: the dashboard redirects to /login"""
    response, cookies = login_cookies(client, credentials)
    edited = []
    for name, value, _ in cookies:
        # Flask's cookie is payload.timestamp.signature (".payload..." when compressed): change
        # the middle character of the payload. A cookie of one's own ("ada") changes too.
        parts = value.split(".")
        i = next((k for k, part in enumerate(parts) if part), 0)
        part = parts[i]
        if part:
            middle = len(part) // 2
            parts[i] = part[:middle] + ("A" if part[middle] != "A" else "B") + part[middle + 1:]
        edited.append((name, ".".join(parts)))
    other = app.test_client()
    for name, value in edited:
        other.set_cookie(name, value)
    shown = ", ".join(f"{name}={value}" for name, value in edited)
    sent_to_login(other.get("/dashboard"),
                  after=[f"{LOGGED_IN}, then the cookie edited by hand: {shown}"],
                  help="Your app believed a cookie the browser changed. Keep the user in Flask's "
                       "session (session[\"user\"] = ...), whose cookie is signed with "
                       "SECRET_KEY, never in a cookie of your own (response.set_cookie).")


def test_cookie_signed_with_another_key_is_not_trusted(client, make_app, config, credentials):
    """a session cookie from an app with another SECRET_KEY (your default too) is not trusted"""
    stranger = make_app(SECRET_KEY="somebody-else's-key-entirely-0123456789")
    _, cookies = login_cookies(stranger.test_client(), credentials)
    for name, value, _ in cookies:
        client.set_cookie(name, value)
    sent_to_login(client.get("/dashboard"),
                  after=[f"{LOGGED_IN} on an app built with another SECRET_KEY, then its cookie "
                         "sent to this app"],
                  help="Your app accepted a cookie signed with a different key. Don't set "
                       "app.secret_key in code: keep SECRET_KEY in the config, where "
                       "create_app(config) can replace it.")
    # The key of the app's own defaults (a development key that ships with the code): an app
    # given another SECRET_KEY must not trust it either. An app with no default key, or one
    # that will not start without a configured key, has none to leak.
    try:
        defaults = learner.build_app({k: v for k, v in config.items() if k != "SECRET_KEY"},
                                     reimport=False)
        response = defaults.test_client().post("/login", data=credentials)
    except Exception:
        return
    if response.status_code not in REDIRECTS:
        return
    other = client.application.test_client()
    for name, value, _ in cookies_set_by(response):
        other.set_cookie(name, value)
    sent_to_login(other.get("/dashboard"),
                  after=[f"{LOGGED_IN} on your app built without the checks' SECRET_KEY (so "
                         "with your default key), then its cookie sent to an app built with "
                         "the checks' SECRET_KEY"],
                  help="Your app trusted a cookie signed with the development key of its "
                       "defaults, which anyone who reads the code knows. Trust only the "
                       "configured SECRET_KEY: keep the development key out of "
                       "SECRET_KEY_FALLBACKS.")


def test_secret_key_comes_from_config(app, client, config, credentials):
    """the session cookie is signed with the SECRET_KEY given to create_app"""
    response, cookies = login_cookies(client, credentials)
    name = app.config.get("SESSION_COOKIE_NAME") or "session"
    e = expect(response, after=[NOT_FOLLOWED])
    values = [value for cookie, value, _ in cookies if cookie == name]
    e.that(bool(values), f"a Flask session cookie named {name!r}",
           got="\n".join(response.headers.getlist("Set-Cookie")),
           help='Keep the user in Flask\'s session: session["user"] = username.')
    e.that(session_data(config, values[-1]) is not None,
           "a session cookie signed with the SECRET_KEY the checks passed to create_app",
           got="a cookie signed with some other key",
           help="Merge the config given to create_app last, after your defaults, and don't "
                "set app.secret_key (or SECRET_KEY) again afterwards.")


def lands(response, base="http://localhost/login"):
    location = response.headers.get("Location") or ""
    host, path = lands_on(location, base)
    return location, host, path


def test_next_pointing_off_site_is_ignored(client, credentials):
    """a next pointing off the site, in any disguise (//, /\\, tab, %2F, scheme, @), sent as a form field or in the query, lands on /dashboard"""
    for label, target in TRICKS:
        for where, kwargs in (("form field", {"data": {**credentials, "next": target}}),
                              ("query string", {"data": credentials,
                                                "query_string": {"next": target}})):
            response = client.post("/login", **kwargs)
            e = expect(response).status(*REDIRECTS, help=NEEDS_LOGIN)
            location, host, path = lands(response)
            e.that(not leaves_site(location) and host == "localhost" and path == "/dashboard",
                   f"a redirect to the default page, /dashboard: next={target!r} ({label}, "
                   f"as a {where}) is not a path of this site",
                   got=f"Location: {location!r}: a browser goes to {host or '?'}{path}",
                   help="Follow next only when it is a path on this site, checked as it came "
                        "and once percent-decoded: no whitespace or control character, no "
                        "backslash, exactly one leading /. Browsers drop tabs and newlines "
                        "and read \\ as /, so \"/\\t/evil.example\" is \"//evil.example\".")


def test_a_next_with_whitespace_is_not_followed(client, credentials):
    """a next with a space in it, even percent-encoded (/dash%20board), lands on /dashboard"""
    for target in ("/dash%20board", "/dash board", "/%20/evil.example/x", "/dashboard?tab=%202"):
        for where, kwargs in (("form field", {"data": {**credentials, "next": target}}),
                              ("query string", {"data": credentials,
                                                "query_string": {"next": target}})):
            response = client.post("/login", **kwargs)
            e = expect(response).status(*REDIRECTS, help=NEEDS_LOGIN)
            location, host, path = lands(response)
            e.that(host == "localhost" and path == "/dashboard"
                   and not urlsplit(location).query,
                   f"a redirect to the default page, /dashboard: next={target!r} (as a {where}) "
                   "holds a space, as it came or once percent-decoded",
                   got=f"Location: {location!r}",
                   help="Refuse any whitespace in next, a space too (ch.isprintable() is True "
                        "for a space), in the value as it came and once percent-decoded.")


def test_a_local_next_is_followed(client, credentials):
    """next=/dashboard?tab=2, a path of this site, is followed after the login"""
    for where, kwargs in (("form field", {"data": {**credentials, "next": "/dashboard?tab=2"}}),
                          ("query string", {"data": credentials,
                                            "query_string": {"next": "/dashboard?tab=2"}})):
        response = client.post("/login", **kwargs)
        e = expect(response).status(*REDIRECTS, help=NEEDS_LOGIN)
        location = response.headers.get("Location") or ""
        target = urlsplit(urljoin("http://localhost/login", location))
        e.that(target.hostname == "localhost" and target.path == "/dashboard"
               and target.query == "tab=2",
               f"a redirect to /dashboard?tab=2, the next sent as a {where}",
               got=f"Location: {location!r}",
               help="After the login, send the user where they were going: the next from the "
                    "form (a hidden field) or from the query string, when it is a path of this "
                    "site.")


def submit_login_form(client, page_url, username, password):
    """Fill in and submit the login form on ``page_url`` the way a browser does: every field
    of the form as the page set it (hidden ones included), the form's action resolved against
    the page's URL (no action: the page's own URL, query string included)."""
    __tracebackhide__ = True
    page_response = client.get(page_url)
    expect(page_response).status(200)
    page = page_of(page_response)
    form = next((f for f in page.forms if f.get("method", "get").lower() == "post"), None)
    expect(page_response).that(form is not None, 'a <form method="post"> on the login page',
                               got=shown(page_response))
    action = urljoin("http://localhost" + page_url, form.get("action") or page_url)
    split = urlsplit(action)
    data = {**page.fields, "username": username, "password": password}
    return client.post(split.path, query_string=split.query, data=data)


def retry_after(client, wrong, credentials, fallback):
    """After the failed login ``wrong``, log in again the way a browser does: fill in the form
    shown again (a 401 page, whose form posts to its action resolved against the URL the failed
    form went to), or the form on the page the redirect back to /login leads to; on any other
    answer, the form at ``fallback``."""
    __tracebackhide__ = True
    if wrong.status_code in REDIRECTS:
        target = urlsplit(urljoin(wrong.request.url, wrong.headers.get("Location") or ""))
        retry_url = target.path + (f"?{target.query}" if target.query else "")
        return submit_login_form(client, retry_url, **credentials)
    if wrong.status_code != 401:
        return submit_login_form(client, fallback, **credentials)
    page = page_of(wrong)
    form = next((f for f in page.forms if f.get("method", "get").lower() == "post"), {})
    split = urlsplit(urljoin(wrong.request.url, form.get("action") or wrong.request.url))
    return client.post(split.path, query_string=split.query, data={**page.fields, **credentials})


def lands_on_tab_2(response, after, expected):
    """The login's redirect goes to /dashboard?tab=2."""
    __tracebackhide__ = True
    e = expect(response, after=after)
    e.status(*REDIRECTS, help=NEEDS_LOGIN)
    location = response.headers.get("Location") or ""
    target = urlsplit(urljoin("http://localhost/login", location))
    e.that(target.hostname == "localhost" and target.path == "/dashboard"
           and target.query == "tab=2", expected,
           got=f"Location: {location!r}",
           help="Carry next through the form: a hidden field <input type=\"hidden\" "
                "name=\"next\" value=\"{{ next }}\"> (or a form that posts back to its own URL, "
                "query string included), and keep it when the form is shown again after a "
                "failed login, wherever it came from: the form or the query string.")


def test_the_login_form_carries_next(client, credentials):
    """after GET /login?next=/dashboard?tab=2, submitting the form (even after a failed try) lands on /dashboard?tab=2"""
    page_url = "/login?next=%2Fdashboard%3Ftab%3D2"
    wrong = submit_login_form(client, page_url, credentials["username"], "Tr0ub4dor&3")
    response = retry_after(client, wrong, credentials, page_url)
    lands_on_tab_2(response,
                   after=[f"GET {page_url}, the form submitted with a wrong password",
                          "the form shown again, submitted with the right password"],
                   expected="a redirect to /dashboard?tab=2: the next the login page was opened "
                            "with")


def test_a_failed_login_keeps_a_posted_next(client, credentials):
    """a next posted as a form field survives a failed login: the retry lands on it"""
    wrong = client.post("/login", data={**credentials, "password": "Tr0ub4dor&3",
                                        "next": "/dashboard?tab=2"})
    response = retry_after(client, wrong, credentials, "/login")
    lands_on_tab_2(response,
                   after=["POST /login with a wrong password and the form field "
                          "next=/dashboard?tab=2 (no next in the query string)",
                          "the form shown again, submitted with the right password"],
                   expected="a redirect to /dashboard?tab=2: the next posted with the failed "
                            "login")


def test_a_login_starts_a_fresh_session(client, credentials):
    """a login starts a fresh session: a message left from before (an unseen goodbye) does not carry over"""
    log_in(client, credentials)
    client.post("/logout")
    first = client.post("/login", data=credentials, follow_redirects=True)
    e = expect(first, after=[LOGGED_IN, "POST /logout (its page not visited)"]).status(200)
    e.that(GOODBYE.lower() not in words(first) and WELCOME.lower() in words(first),
           f"the welcome, and not {GOODBYE!r}, on the page after the new login",
           got=shown(first),
           help="Start the new session clean: session.clear(), then session[\"user\"] = "
                "username, then flash the welcome.")


def test_a_page_remembered_before_login_stays_on_site(make_app, credentials):
    """a page asked for before the login, however it is remembered, is only returned to when it is a path of this site"""
    app = make_app()
    for label, target in TRICKS:
        # GET /login?next=... may remember the page (in the session, say): the form then
        # submitted as a browser does must still land on /dashboard
        page_url = "/login?" + urlencode({"next": target})
        response = submit_login_form(app.test_client(), page_url, **credentials)
        e = expect(response, after=[f"GET {page_url} ({label})",
                                    "its form submitted with the right password"])
        e.status(*REDIRECTS, help=NEEDS_LOGIN)
        location, host, where = lands(response)
        e.that(not leaves_site(location) and host == "localhost" and where == "/dashboard",
               f"a redirect to /dashboard: next={target!r} ({label}) is not a path of this "
               "site, wherever it was kept",
               got=f"Location: {location!r}: a browser goes to {host or '?'}{where}",
               help="A page you remember (in the session, say) came from the client too: "
                    "check it like next before redirecting to it, also when it is the "
                    "fallback for a next you refused.")
    for path in ("/%09/evil.example/x", "/%0A/evil.example/x", "/%5Cevil.example/x",
                 "/%5C/evil.example/x"):
        client = make_app(reimport=False).test_client()
        client.get(path)
        response = client.post("/login", data=credentials)
        e = expect(response, after=[f"GET {path} (before logging in)"])
        e.status(*REDIRECTS, help=NEEDS_LOGIN)
        location, host, where = lands(response)
        e.that(not leaves_site(location) and host == "localhost" and where == "/dashboard",
               "a redirect to /dashboard: the page asked for before was not a path of this site",
               got=f"Location: {location!r}: a browser goes to {host or '?'}{where}",
               help="A page you remember (in the session, say) came from the client too: "
                    "check it like next before redirecting to it.")
