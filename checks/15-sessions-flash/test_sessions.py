"""Lesson 15: log in and out with Flask's signed session cookie, flash messages and
Post/Redirect/Get.

The checks read pages the way a browser would (flaskcourse.checking.html): a message may sit in
any element. A failed login may be answered either way the lesson allows: 401 with the form
again, or a redirect back to /login that shows a flashed error.
"""

import re
from urllib.parse import urlsplit

from flask import Flask
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import BadSignature

from flaskcourse.checking import expect
from flaskcourse.checking.html import page_of

USERNAME = "ada"  # the user conftest.py puts in config["USERS"]

WELCOME = f"Welcome, {USERNAME}"
GOODBYE = "You have been logged out"
REDIRECTS = (302, 303, 307)
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


def failed_login(client, data):
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
               if response.status_code == 200 else None)
    errors = [t for t in page.texts if t not in baseline]
    e.that(bool(errors), "an error message on the page (text the empty login form does not have)",
           got=f"the page after the failed login: {' '.join(page.texts)[:300]}",
           help="Show why: pass an error to the template, or flash() it before redirecting.")
    return response, errors


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
    first, errors_wrong = failed_login(client, wrong)
    response, errors_unknown = failed_login(client, unknown)
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
    sent_to_login(client.get("/dashboard"), after=[login, logout],
                  help="Logging out must forget the user: session.clear() (or "
                       "session.pop(\"user\", None), the very key the login set).")


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


def test_cookie_signed_with_another_key_is_not_trusted(client, make_app, credentials):
    """a session cookie from an app with another SECRET_KEY is not trusted"""
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


def test_secret_key_comes_from_config(app, client, config, credentials):
    """the session cookie is signed with the SECRET_KEY given to create_app"""
    response, cookies = login_cookies(client, credentials)
    name = app.config.get("SESSION_COOKIE_NAME") or "session"
    e = expect(response, after=[NOT_FOLLOWED])
    values = [value for cookie, value, _ in cookies if cookie == name]
    e.that(bool(values), f"a Flask session cookie named {name!r}",
           got="\n".join(response.headers.getlist("Set-Cookie")),
           help='Keep the user in Flask\'s session: session["user"] = username.')
    judge = Flask("flaskcourse_key_check")
    judge.secret_key = config["SECRET_KEY"]
    serializer = SecureCookieSessionInterface().get_signing_serializer(judge)
    try:
        serializer.loads(values[-1])
        signed_with_config_key = True
    except BadSignature:
        signed_with_config_key = False
    e.that(signed_with_config_key,
           "a session cookie signed with the SECRET_KEY the checks passed to create_app",
           got="a cookie signed with some other key",
           help="Merge the config given to create_app last, after your defaults, and don't "
                "set app.secret_key (or SECRET_KEY) again afterwards.")


def test_next_pointing_off_site_is_ignored(client, credentials):
    """a ?next= pointing to another site is not followed after login"""
    for target in ("https://evil.example/login", "//evil.example/login", "/\\evil.example/login"):
        response = client.post("/login", query_string={"next": target},
                               data={**credentials, "next": target})
        e = expect(response).status(302, 303, help=NEEDS_LOGIN)
        location = response.headers.get("Location", "")
        split = urlsplit(location)
        e.that(split.netloc in ("", "localhost") and not location.startswith(("//", "/\\")),
               "a redirect to a page of this site (such as /dashboard)",
               got=f"Location: {location}",
               help="Only follow next when it is a path on this site: it starts with one / and "
                    "not with // or /\\. Otherwise a link from a phishing mail sends your "
                    "freshly logged-in user to the attacker's page.")
