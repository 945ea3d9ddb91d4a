"""Lesson 17: security headers on every response, CSRF protection on the profile form, a
default MAX_CONTENT_LENGTH, and a SECRET_KEY that production takes from the environment.

Headers are read the way a browser reads them: frame protection may come from X-Frame-Options or
from CSP frame-ancestors; a CSRF refusal may be 400 or 403; a successful POST may redirect or
answer 200. The production checks call create_app themselves, with a config that has no
SECRET_KEY, because the usual fixtures would stop the whole run if the factory raised.
"""

import hmac
import secrets
from urllib.parse import quote

from flask import Flask
from itsdangerous import BadSignature

from flaskcourse.checking.spy import spy_on

from flaskcourse.checking import learner
from flaskcourse.checking.client import RecordingClient

from flaskcourse.checking import expect, fail
from flaskcourse.checking.html import page_of

PAGE = "/profile"
FIELD = "csrf_token"
NAME_FIELD = "display_name"
REJECTED = (400, 403)
FORM = "application/x-www-form-urlencoded"

SAFE_REFERRER_POLICIES = {
    "no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin",
    "origin", "origin-when-cross-origin",
}
LOOSE_SOURCES = {"*", "'unsafe-inline'", "'unsafe-eval'", "http:", "https:", "data:"}

HOOK_HELP = ("Set the headers in one function registered with @app.after_request: Flask runs it "
             "for every response it sends, error pages included. Headers set inside a view "
             "only reach that view's own responses.")


def csp_directives(response):
    """The Content-Security-Policy as {directive: [sources]} (all CSP headers together)."""
    directives = {}
    for header in response.headers.getlist("Content-Security-Policy"):
        for part in header.split(";"):
            words = part.split()
            if words:
                directives.setdefault(words[0].lower(), [w.lower() for w in words[1:]])
    return directives


def frame_problem(response):
    """None when framing by other sites is refused; else what is wrong."""
    xfo = (response.headers.get("X-Frame-Options") or "").strip().upper()
    ancestors = csp_directives(response).get("frame-ancestors")
    if xfo in ("DENY", "SAMEORIGIN"):
        return None
    if ancestors and set(ancestors) <= {"'none'", "'self'"}:
        return None
    if xfo:
        return f"X-Frame-Options: {xfo} (DENY or SAMEORIGIN are the values browsers know)"
    if ancestors:
        return f"frame-ancestors {' '.join(ancestors)} (use 'none' or 'self')"
    return "no X-Frame-Options header and no frame-ancestors in a Content-Security-Policy"


def csp_problem(response):
    """None when the CSP has a strict default-src; else what is wrong."""
    if not response.headers.get("Content-Security-Policy"):
        return "no Content-Security-Policy header"
    directives = csp_directives(response)
    default = directives.get("default-src")
    if not default:
        return (f"Content-Security-Policy: {response.headers['Content-Security-Policy']} "
                "(no default-src directive)")
    if not ({"'self'", "'none'"} & set(default)):
        return f"default-src {' '.join(default)} (it should start from 'self' or 'none')"
    for name in ("default-src", "script-src", "style-src"):
        loose = LOOSE_SOURCES & set(directives.get(name, []))
        if loose:
            what = "injected styles apply" if name == "style-src" else "injected code run"
            return f"{name} allows {', '.join(sorted(loose))}, which lets {what}"
    return None


def referrer_problem(response):
    value = response.headers.get("Referrer-Policy")
    if not value:
        return "no Referrer-Policy header"
    # A comma-separated list is allowed: browsers use the last value they understand.
    last = value.split(",")[-1].strip().lower()
    if last not in SAFE_REFERRER_POLICIES:
        return f"Referrer-Policy: {value} (it sends full URLs to other sites)"
    return None


def nosniff_problem(response):
    value = response.headers.get("X-Content-Type-Options")
    if value is None:
        return "no X-Content-Type-Options header"
    if value.strip().lower() != "nosniff":
        return f"X-Content-Type-Options: {value}"
    return None


def missing_security_headers(response):
    """Every problem with the four headers every response must carry."""
    problems = (nosniff_problem(response), frame_problem(response), csp_problem(response),
                referrer_problem(response))
    return [p for p in problems if p]


def expect_security_headers(response, what, after=()):
    """All four headers on this (error) response."""
    __tracebackhide__ = True
    problems = missing_security_headers(response)
    expect(response, after=after).that(
        not problems,
        f"the security headers on {what} too (X-Content-Type-Options, X-Frame-Options or "
        "frame-ancestors, Content-Security-Policy, Referrer-Policy)",
        got=f"status {response.status_code} with " + "; ".join(problems),
        help=HOOK_HELP,
    )


def form_token(client):
    """GET the form; return the CSRF token from its hidden field."""
    __tracebackhide__ = True
    response = client.get(PAGE)
    e = expect(response).status(200)
    fields = page_of(response).fields
    token = fields.get(FIELD)
    e.that(bool(token), f'a form with a hidden field named "{FIELD}" holding this session\'s token',
           got=("a page whose form fields are "
                + (", ".join(repr(n) for n in fields) if fields else "none at all")),
           help=f'Put <input type="hidden" name="{FIELD}" value="{{{{ csrf_token() }}}}"> in the '
                "form, where csrf_token() makes the token once per session and keeps it in "
                "session.")
    return token


def expect_rejected(client, response, after, name):
    """A POST the CSRF check must refuse: 400 (or 403), and the name unchanged afterwards."""
    __tracebackhide__ = True
    expect(response, after=after).that(
        response.status_code in REJECTED,
        "status 400 (403 is accepted too): the CSRF check refuses the POST",
        help="Check the token before the view changes anything, on every POST: compare "
             "request.form's csrf_token with the one in session (hmac.compare_digest) and "
             "abort(400) when either is missing or they differ.",
    )
    page = client.get(PAGE)
    expect(page, after=[*after, response]).status(200).that(
        name not in page.get_data(as_text=True),
        f"the display name unchanged after the refused POST (no {name!r} on the page)",
        got=f"a page that shows {name!r}",
        help="Refuse before the view runs (or first thing in it), so nothing is saved.")


PRODUCTION_HELP = (
    'The contract: create_app({"ENV_NAME": "production", ...}) is the production app. It takes '
    "SECRET_KEY from its config if one is given, otherwise from os.environ[\"SECRET_KEY\"], and "
    "raises RuntimeError (naming SECRET_KEY) when neither has one. No fallback value in the code."
)
ENV_SECRET = "from-the-environment-7f3a9c1e5b2d4f6a8c0e1b3d5f7a9c2e"


def session_cookie_header(response, name="session"):
    """The Set-Cookie header of the session cookie, or None."""
    for header in response.headers.getlist("Set-Cookie"):
        if header.split("=", 1)[0].strip() == name:
            return header
    return None


def cookie_flags(header):
    """{"httponly": True, "samesite": "lax", ...} from one Set-Cookie header."""
    flags = {}
    for part in (header or "").split(";")[1:]:
        key, _, value = part.strip().partition("=")
        flags[key.lower()] = value.strip().lower() if value else True
    return flags


def production_config(config, **extra):
    """The checks' config for a production app, without the SECRET_KEY the base config has."""
    cfg = {key: value for key, value in config.items() if key != "SECRET_KEY"}
    return cfg | {"ENV_NAME": "production"} | extra


def describe_call(cfg, environment):
    shown = {k: cfg[k] for k in ("ENV_NAME", "SECRET_KEY") if k in cfg}
    if not shown:
        return (f"create_app({{...test config...}})\n(the config has no ENV_NAME and no "
                f"SECRET_KEY; {environment})")
    return (f"create_app({{...test config..., {', '.join(f'{k!r}: {v!r}' for k, v in shown.items())}}})"
            f"\n(the config has {'a' if 'SECRET_KEY' in cfg else 'no'} SECRET_KEY; {environment})")


def factory():
    """The learner's create_app, from app.py imported afresh."""
    __tracebackhide__ = True
    module = learner.import_entry_module()
    create_app = getattr(module, "create_app", None)
    if not callable(create_app):
        fail("app.py to define create_app(config=None)", got="no create_app in app.py",
             help=PRODUCTION_HELP)
    return create_app


def build_production_app(cfg, environment, what="a production app that starts", create_app=None):
    """create_app(cfg) that must start; any exception fails the check with the learner's frames.

    Without create_app, app.py is imported afresh first."""
    __tracebackhide__ = True
    create_app = create_app or factory()
    try:
        app = create_app(cfg)
    except Exception as exc:
        fail(what, got=learner.describe_exception(exc, "create_app raised"),
             request=describe_call(cfg, environment), help=PRODUCTION_HELP)
    if not isinstance(app, Flask):
        fail("create_app to return the Flask app", got=f"{type(app).__name__}",
             request=describe_call(cfg, environment))
    app.test_client_class = RecordingClient
    return app


def default_limit(app):
    """The app's own MAX_CONTENT_LENGTH (the checks' config gives none): a number of bytes."""
    __tracebackhide__ = True
    limit = app.config.get("MAX_CONTENT_LENGTH")
    if not isinstance(limit, int) or isinstance(limit, bool) or not 0 < limit <= 16 * 1024 * 1024:
        fail('app.config["MAX_CONTENT_LENGTH"] set by create_app to a number of bytes '
             "(at most 16 MiB) when the config gives none",
             got=f"MAX_CONTENT_LENGTH = {limit!r}",
             request="create_app(test config without MAX_CONTENT_LENGTH)",
             help="Flask's default is None: no limit, so a client can send gigabytes. Put a "
                  "limit in the defaults create_app starts from, e.g. 64 * 1024 for a small form.")
    return limit


def form_body(size, token, name="Grace Hopper"):
    """A urlencoded form of exactly ``size`` bytes: the token, a name, and a padding field."""
    head = f"{FIELD}={quote(token or '', safe='')}&{NAME_FIELD}={quote(name)}&padding=".encode()
    return head + b"x" * (size - len(head))


def post_sized(client, size, token, name="Grace Hopper"):
    return client.post(PAGE, data=form_body(size, token, name), content_type=FORM)


def oversize_post(client, app):
    """POST the form, with this session's token, in a body one byte over the app's limit."""
    __tracebackhide__ = True
    limit = default_limit(app)
    token = form_token(client)
    return post_sized(client, limit + 1, token, "Mallory"), limit


# ------------------------------------------------------------------------ headers on a page


def test_page_sends_nosniff(client):
    """the profile page says X-Content-Type-Options: nosniff"""
    response = client.get(PAGE)
    problem = nosniff_problem(response)
    expect(response).status(200).that(problem is None, "the header X-Content-Type-Options: nosniff",
                                      got=problem, help=HOOK_HELP)


def test_page_refuses_to_be_framed(client):
    """the profile page refuses to be framed (X-Frame-Options: DENY or CSP frame-ancestors)"""
    response = client.get(PAGE)
    problem = frame_problem(response)
    expect(response).status(200).that(
        problem is None, "X-Frame-Options: DENY (or a CSP with frame-ancestors 'none')",
        got=problem, help="Without it any site can load your page in an invisible frame and trick "
                          "people into clicking your buttons (clickjacking).")


def test_page_has_a_content_security_policy(client):
    """the profile page has a Content-Security-Policy with a strict default-src such as 'self'"""
    response = client.get(PAGE)
    problem = csp_problem(response)
    expect(response).status(200).that(
        problem is None, "Content-Security-Policy: default-src 'self' (or stricter)",
        got=problem, help="default-src 'self' lets the page load scripts, styles and images from "
                          "your own origin only; an injected <script> from elsewhere, or inline, "
                          "does not run.")


def test_page_sets_a_referrer_policy(client):
    """the profile page sets a Referrer-Policy that does not leak full URLs to other sites"""
    response = client.get(PAGE)
    problem = referrer_problem(response)
    expect(response).status(200).that(
        problem is None, "Referrer-Policy: strict-origin-when-cross-origin (or stricter)",
        got=problem)


# --------------------------------------------------------------- headers on error responses


def test_404_and_405_carry_the_security_headers(client):
    """a 404 and a 405 carry the security headers too"""
    missing = client.get("/no-such-page-flaskcourse")
    expect(missing).status(404)
    expect_security_headers(missing, "a 404 page")
    wrong = client.delete(PAGE)
    expect(wrong).status(405, help=(
        "/profile accepts GET and POST only, so DELETE is a 405. If your CSRF check answers "
        "first, skip it when request.endpoint is None: routing already failed, and Flask should "
        "say 404 or 405 as usual."))
    expect_security_headers(wrong, "a 405 page")


def test_500_carries_the_security_headers(app, client):
    """a 500 from a view that crashes carries the security headers too"""
    def crash():
        raise ZeroDivisionError("a view the check added to your app, crashing on purpose")

    app.add_url_rule("/flaskcourse-crash", "flaskcourse_crash", crash)
    response = client.get("/flaskcourse-crash")
    expect(response, after=["the check adds a view GET /flaskcourse-crash that raises"]).status(500)
    expect_security_headers(response, "a 500 page",
                            after=["the check adds a view GET /flaskcourse-crash that raises"])


def test_no_hsts_in_development(client):
    """a development app sends no Strict-Transport-Security"""
    response = client.get(PAGE)
    expect(response, after=["create_app(test config with no ENV_NAME; none in the environment)"]).that(
        "Strict-Transport-Security" not in response.headers,
        "no Strict-Transport-Security header: without ENV_NAME the app is in development",
        got=f"Strict-Transport-Security: {response.headers.get('Strict-Transport-Security')}",
        help="Send HSTS only when app.config[\"ENV_NAME\"] is \"production\": development runs "
             "on plain http, and a browser that remembered HSTS for localhost would refuse every "
             "other project served there.")


def test_hsts_in_production(config, monkeypatch):
    """in production every response has Strict-Transport-Security with a max-age of a day or more"""
    monkeypatch.setenv("SECRET_KEY", ENV_SECRET)
    cfg = production_config(config, SECRET_KEY=ENV_SECRET)
    app = build_production_app(cfg, "SECRET_KEY is also set in the environment")
    response = app.test_client().get(PAGE)
    value = response.headers.get("Strict-Transport-Security", "")
    ages = [part.strip()[len("max-age="):] for part in value.split(";")
            if part.strip().lower().startswith("max-age=")]
    age = int(ages[0].strip('"')) if ages and ages[0].strip('"').isdigit() else None
    expect(response, after=[describe_call(cfg, "SECRET_KEY set in the environment")]).that(
        age is not None and age >= 86400,
        "Strict-Transport-Security: max-age=31536000 (at least a day) on the production app",
        got=f"Strict-Transport-Security: {value}" if value else "no Strict-Transport-Security header",
        help="HSTS tells browsers to use HTTPS only for this host, for max-age seconds. Send it "
             "when ENV_NAME is production (development runs on plain http).")


# ----------------------------------------------------------------------------------- CSRF


def test_form_carries_a_csrf_token(client):
    """GET /profile shows a form with a hidden csrf_token field"""
    form_token(client)


def test_token_of_an_earlier_page_load_still_works(client):
    """the token of a first page load still works after a second GET: one token per session"""
    first = form_token(client)
    second = form_token(client)
    response = client.post(PAGE, data={FIELD: first, NAME_FIELD: "Grace Hopper"})
    after = ["GET /profile (tab 1 reads its csrf_token)", "GET /profile (tab 2)",
             "tab 1 posts its token" + (" (tab 2 got a different one)" if first != second else "")]
    expect(response, after=after).that(
        response.status_code in (200, 302, 303),
        "status 303 (or 200): the first tab's token is still this session's token",
        help="Make the token once per session (only when session has none), not on every page "
             "load: otherwise opening a second tab breaks the form in the first.")


def test_token_still_works_after_a_good_post(client):
    """the token stays the same for the whole session: a good POST does not use it up"""
    first = form_token(client)
    second = form_token(client)
    response = client.post(PAGE, data={FIELD: first, NAME_FIELD: "Grace Hopper"})
    after = ["GET /profile (tab 1 reads its csrf_token)",
             "GET /profile (tab 2 reads its csrf_token)"]
    expect(response, after=after).that(
        response.status_code in (200, 302, 303),
        "status 303 (or 200): tab 1 posts this session's token",
        help="The check sent back exactly the token your form held, in the same session.")
    after.append("tab 1 posts its token and the name 'Grace Hopper' "
                 f"(answered {response.status_code})")
    shown = form_token(client)
    changed = " (the form now shows another token)" if shown != second else ""
    response = client.post(PAGE, data={FIELD: second, NAME_FIELD: "Alan Turing"})
    after.append("GET /profile" + changed)
    after.append("tab 2 posts its token and the name 'Alan Turing'")
    expect(response, after=after).that(
        response.status_code in (200, 302, 303),
        "status 303 (or 200): the token is the same for the whole session, a POST does not "
        "use it up",
        help="Make the token once per session and keep it: don't remove it from session or make "
             "a new one after a POST, or the form in every other open tab stops working.")
    page = client.get(PAGE)
    expect(page, after=[*after[:-1], response]).status(200).that(
        "Alan Turing" in page.get_data(as_text=True),
        "the page to show the new display name 'Alan Turing'")


def test_tokens_are_compared_with_compare_digest(make_app):
    """the CSRF token is compared with hmac.compare_digest (the checks look inside)"""
    with spy_on(hmac, "compare_digest") as by_hmac, spy_on(secrets, "compare_digest") as by_secrets:
        client = make_app().test_client()
        token = form_token(client)
        wanted = {token, token.encode()}

        def calls_with_the_token():
            return [c for spy in (by_hmac, by_secrets) for c in spy.calls
                    if any(isinstance(a, (str, bytes)) and a in wanted for a in c.args)]

        by_hmac.reset()
        by_secrets.reset()
        response = client.post(PAGE, data={FIELD: token, NAME_FIELD: "Grace Hopper"})
        if not calls_with_the_token():
            fail("hmac.compare_digest (or secrets.compare_digest) called with the token while "
                 "your app checked this POST",
                 got="no call with the token: the checks looked inside, by wrapping both functions",
                 request=f"GET /profile, then {response.flaskcourse_request}",
                 help="== stops at the first differing character, so the time it takes tells an "
                      "attacker how much of a guess was right. Compare with "
                      "hmac.compare_digest(expected.encode(), sent.encode()).")


def test_token_is_long_enough(client):
    """the CSRF token has 43 characters or more (at least 32 random bytes)"""
    token = form_token(client)
    expect(client.get(PAGE)).that(
        len(token) >= 43, "a token of 43 characters or more (32 random bytes, url-safe)",
        got=f"a token of {len(token)} characters: {token!r}",
        help="secrets.token_urlsafe(32) gives 43 characters, secrets.token_hex(32) 64: enough "
             "randomness that no one guesses it.")


def test_display_name_must_have_1_to_50_characters(client):
    """a blank display name, or one over 50 characters, gets 422 (or 400) and changes nothing"""
    token = form_token(client)
    after = ["GET /profile (to read the csrf_token from the form)"]

    def post_name(name, label, accepted):
        response = client.post(PAGE, data={FIELD: token, NAME_FIELD: name})
        if accepted:
            expect(response, after=after).that(
                response.status_code in (200, 302, 303),
                f"status 303 (or 200): {label} is within 1 to 50 characters",
                help="1 and 50 are both allowed: 1 <= len(name) <= 50, after strip(), counting "
                     "characters (len of the str), not the bytes of its UTF-8 encoding.")
        else:
            expect(response, after=after).that(
                response.status_code in (400, 422), f"status 422 (or 400) for {label}",
                help="Strip the name, then refuse one that is empty or longer than 50 characters: "
                     "show the form again with a message, and status 422.")
        after.append(f"POST /profile with {label} (answered {response.status_code})")
        return client.get(PAGE).get_data(as_text=True)

    page = post_name("Grace Hopper", "the name 'Grace Hopper'", True)
    for label, name in (("an empty name", ""), ("a name of spaces", "   "),
                        ("a name of 51 characters", "N" * 51)):
        page = post_name(name, label, False)
        expect(client.get(PAGE), after=after).that(
            "Grace Hopper" in page and "N" * 51 not in page,
            f"the display name unchanged (still 'Grace Hopper') after {label}")
    for label, name in (("a name of 1 character", "Ω"), ("a name of 50 characters", "Q" * 50),
                        ("a name of 50 characters, none of them ASCII (100 bytes)", "é" * 50)):
        page = post_name(name, label, True)
        expect(client.get(PAGE), after=after).that(
            name in page, f"the page to show the new display name after {label}")


def test_session_cookie_is_httponly_and_samesite_lax(client):
    """the session cookie is HttpOnly and SameSite=Lax"""
    response = client.get(PAGE)
    cookie = session_cookie_header(response)
    flags = cookie_flags(cookie)
    expect(response).that(
        cookie is not None and "httponly" in flags and flags.get("samesite") == "lax",
        "a session cookie with HttpOnly and SameSite=Lax",
        got=f"Set-Cookie: {cookie}" if cookie else "no session cookie",
        help="Flask's SESSION_COOKIE_HTTPONLY is True by default (keep it); set "
             "SESSION_COOKIE_SAMESITE = \"Lax\" in the defaults create_app starts from.")


def test_production_session_cookie_is_secure(config, monkeypatch):
    """in production the session cookie is Secure: it never travels over plain http"""
    monkeypatch.setenv("SECRET_KEY", ENV_SECRET)
    from_config = production_config(config, SECRET_KEY=ENV_SECRET)
    from_environment = {key: value for key, value in from_config.items() if key != "ENV_NAME"}
    setups = [(from_config, None, "SECRET_KEY is also set in the environment"),
              (from_environment, "production",
               "ENV_NAME=production and SECRET_KEY in the environment, the config has no ENV_NAME")]
    for cfg, env_name, environment in setups:
        if env_name is not None:
            monkeypatch.setenv("ENV_NAME", env_name)
        app = build_production_app(cfg, environment)
        response = app.test_client().get(PAGE, base_url="https://localhost")
        cookie = session_cookie_header(response)
        expect(response, after=[describe_call(cfg, environment)]).that(
            cookie is not None and "secure" in cookie_flags(cookie),
            "a session cookie marked Secure on the production app",
            got=f"Set-Cookie: {cookie}" if cookie else "no session cookie",
            help="In production set app.config[\"SESSION_COOKIE_SECURE\"] = True: the browser "
                 "then sends the session cookie over HTTPS only. Decide on the ENV_NAME the app "
                 "ended up with (config, else environment), not on the config alone.")


def test_post_with_the_form_token_changes_the_name(client):
    """a POST with the token from the form changes the display name"""
    token = form_token(client)
    response = client.post(PAGE, data={FIELD: token, NAME_FIELD: "Grace Hopper"})
    expect(response, after=["GET /profile (to read the csrf_token from the form)"]).that(
        response.status_code in (200, 302, 303),
        "status 303 (a redirect back to the page) or 200: the token is right",
        help="The check sent back exactly the token your form held, in the same session.")
    page = client.get(PAGE)
    expect(page, after=[response]).status(200).that(
        "Grace Hopper" in page.get_data(as_text=True),
        "the page to show the new display name 'Grace Hopper'")


def test_post_without_a_token_is_rejected(app, client):
    """a POST without a CSRF token is refused with 400 and changes nothing"""
    form_token(client)
    response = client.post(PAGE, data={NAME_FIELD: "Mallory"})
    expect_rejected(client, response, ["GET /profile (the session now holds a token)"], "Mallory")
    # A browser that never loaded the form: no token in the session and an empty field.
    # An empty token must not match an empty session ("" == "").
    stranger = app.test_client()
    response = stranger.post(PAGE, data={FIELD: "", NAME_FIELD: "Mallory"})
    expect_rejected(stranger, response, ["a new client that never loaded the form"], "Mallory")


def test_post_with_a_wrong_token_is_rejected(client):
    """a POST with a wrong CSRF token is refused with 400 and changes nothing"""
    token = form_token(client)
    after = ["GET /profile (to read the csrf_token from the form)"]
    wrong = token[:-4] + ("aaaa" if not token.endswith("aaaa") else "bbbb")
    response = client.post(PAGE, data={FIELD: wrong, NAME_FIELD: "Mallory"})
    expect_rejected(client, response, after, "Mallory")
    # Anything may arrive in a form field; a non-ASCII str makes compare_digest raise TypeError.
    response = client.post(PAGE, data={FIELD: "jeton-volé-ü", NAME_FIELD: "Mallory"})
    expect_rejected(client, response, after, "Mallory")
    # The right token with one character added: wrong, however the comparison encodes it.
    response = client.post(PAGE, data={FIELD: token + "é", NAME_FIELD: "Mallory"})
    expect_rejected(client, response, [*after, "the token sent back with an 'é' added"], "Mallory")


def test_token_from_another_session_is_rejected(app):
    """a token from another visitor's session is refused: the token is tied to the session"""
    attacker, victim = app.test_client(), app.test_client()
    attacker_token = form_token(attacker)
    victim_token = form_token(victim)
    response = victim.post(PAGE, data={FIELD: attacker_token, NAME_FIELD: "Mallory"})
    same = " (both sessions were even given the same token)" if attacker_token == victim_token else ""
    after = ["client A: GET /profile, reads A's csrf_token",
             "client B: GET /profile (B's session gets its own token)",
             "client B posts A's token" + same]
    expect_rejected(victim, response, after, "Mallory")


# ------------------------------------------------------------------------ request body size


def test_oversize_post_gets_413(app, client):
    """by default a POST one byte over MAX_CONTENT_LENGTH is refused with 413, from any client"""
    response, limit = oversize_post(client, app)
    expect(response, after=[f"GET /profile (the form's token is sent back, in {limit + 1} bytes)"]).status(
        413, help=f"MAX_CONTENT_LENGTH is {limit}: reading request.form then raises 413 by "
                  "itself. Don't catch it and turn it into something else.")
    page = client.get(PAGE)
    expect(page, after=[response]).status(200).that(
        "Mallory" not in page.get_data(as_text=True), "the display name unchanged after the 413")
    stranger = app.test_client()
    response = post_sized(stranger, limit + 1, None, "Mallory")
    expect(response, after=[f"a new client that never loaded the form posts {limit + 1} bytes"]).status(
        413, help="A client with no token is refused too, but the size comes first: read the form "
                  "(request.form) before judging the token, and the limit answers 413 by itself.")


def test_a_body_of_exactly_the_limit_is_read(app, client):
    """a POST of exactly MAX_CONTENT_LENGTH bytes is read as usual: the limit is not one byte short"""
    limit = default_limit(app)
    token = form_token(client)
    response = post_sized(client, limit, token, "Grace Hopper")
    after = [f"GET /profile, then the form with its token in exactly {limit} bytes"]
    expect(response, after=after).that(
        response.status_code in (200, 302, 303),
        f"status 303 (or 200): {limit} bytes is within a limit of {limit}",
        help="MAX_CONTENT_LENGTH is the largest body allowed, not the first one refused: leave "
             "the check to Flask rather than comparing the length yourself.")
    page = client.get(PAGE)
    expect(page, after=[*after, response]).status(200).that(
        "Grace Hopper" in page.get_data(as_text=True), "the page to show the new display name")


def test_a_limit_in_the_config_wins(make_app):
    """a MAX_CONTENT_LENGTH in the config wins over the app's own limit, smaller or larger"""
    default = default_limit(make_app())
    for limit in (1000, default + 1000):
        app = make_app(reimport=False, MAX_CONTENT_LENGTH=limit)
        call = f"create_app({{...test config..., 'MAX_CONTENT_LENGTH': {limit}}})"
        help = ("Put your limit in the defaults create_app starts from, before the config is "
                "applied, so a config that gives MAX_CONTENT_LENGTH replaces it.")
        for size, within in ((limit, True), (limit + 1, False)):
            client = app.test_client()
            token = form_token(client)
            name = "Grace Hopper" if within else "Mallory"
            response = post_sized(client, size, token, name)
            after = [call, f"GET /profile, then the form with its token in {size} bytes"]
            if within:
                expect(response, after=after).that(
                    response.status_code in (200, 302, 303),
                    f"status 303 (or 200): {size} bytes is within the config's limit of {limit}",
                    help=help)
            else:
                expect(response, after=after).status(
                    413, help=f"The config gave MAX_CONTENT_LENGTH = {limit}. " + help)


def test_create_app_reads_the_environment_when_called(config, monkeypatch):
    """create_app reads ENV_NAME and SECRET_KEY from the environment when called, not at import"""
    create_app = factory()
    cfg = {key: value for key, value in config.items() if key != "SECRET_KEY"}
    imported = "app.py imported with no ENV_NAME and no SECRET_KEY in the environment, then "
    help = ("Read os.environ inside create_app, each time it is called, not into a module-level "
            "constant or a config class attribute, which keep the value of the import. A server "
            "imports and starts at once, but a test sets a variable and then calls create_app.")
    monkeypatch.setenv("ENV_NAME", "production")
    environment = imported + "ENV_NAME=production set in it"
    try:
        app = create_app(cfg)
    except RuntimeError:
        pass
    except Exception as exc:
        fail("RuntimeError naming SECRET_KEY: the app is in production now, with no key",
             got=learner.describe_exception(exc, "create_app raised"),
             request=describe_call(cfg, environment), help=PRODUCTION_HELP)
    else:
        key = app.config.get("SECRET_KEY") if isinstance(app, Flask) else None
        fail("create_app to refuse to start (RuntimeError naming SECRET_KEY): ENV_NAME=production "
             "is in the environment now",
             got=f"an app that started with SECRET_KEY = {key!r}, as in development",
             request=describe_call(cfg, environment), help=help)
    monkeypatch.setenv("SECRET_KEY", ENV_SECRET)
    environment = imported + f"ENV_NAME=production and SECRET_KEY={ENV_SECRET} set in it"
    try:
        app = create_app(cfg)
    except Exception as exc:
        fail("a production app that starts with the SECRET_KEY now in the environment",
             got=learner.describe_exception(exc, "create_app raised"),
             request=describe_call(cfg, environment), help=help)
    key = app.config.get("SECRET_KEY") if isinstance(app, Flask) else None
    if key != ENV_SECRET:
        fail("app.config['SECRET_KEY'] to be the value the environment has now",
             got=f"SECRET_KEY = {key!r}", request=describe_call(cfg, environment), help=help)


def test_413_carries_the_security_headers(app, client):
    """a 413 for an oversize POST carries the security headers too"""
    response, limit = oversize_post(client, app)
    expect(response).that(response.status_code == 413,
                          "status 413 (this check needs the size limit to work first)")
    expect_security_headers(response, "a 413 response")


# -------------------------------------------------------------------------------- secrets


def test_production_without_secret_key_refuses_to_start(config, monkeypatch):
    """in production with no SECRET_KEY in config or environment, create_app raises RuntimeError"""
    no_key = {key: value for key, value in config.items() if key != "SECRET_KEY"}
    setups = [
        (no_key | {"ENV_NAME": "production"}, None, "no SECRET_KEY and no ENV_NAME in the environment"),
        (no_key | {"ENV_NAME": "production"}, "development",
         "ENV_NAME=development in the environment: the config's ENV_NAME wins"),
        (no_key, "production", "ENV_NAME=production in the environment, and the config has no ENV_NAME"),
    ]
    for cfg, env_name, environment in setups:
        if env_name is None:
            monkeypatch.delenv("ENV_NAME", raising=False)
        else:
            monkeypatch.setenv("ENV_NAME", env_name)
        call = describe_call(cfg, environment)
        create_app = factory()
        try:
            app = create_app(cfg)
        except RuntimeError as exc:
            if "SECRET_KEY" not in str(exc):
                fail("a RuntimeError whose message names SECRET_KEY and says where to set it",
                     got=f"RuntimeError: {exc}", request=call)
            continue
        except Exception as exc:
            fail("RuntimeError with a message naming SECRET_KEY",
                 got=learner.describe_exception(exc, "create_app raised"), request=call,
                 help="A KeyError from os.environ['SECRET_KEY'] stops the app too, but says nothing "
                      "to whoever deploys it: raise RuntimeError with a message that explains.")
        key = app.config.get("SECRET_KEY") if isinstance(app, Flask) else None
        fail("create_app to refuse to start (raise RuntimeError naming SECRET_KEY)",
             got=f"an app that started with SECRET_KEY = {key!r}", request=call,
             help=PRODUCTION_HELP + " ENV_NAME comes from the config if it has one, else from "
                  "os.environ[\"ENV_NAME\"], else it is \"development\".")


def test_development_starts_without_a_secret_key(config, monkeypatch):
    """in development create_app starts without a SECRET_KEY and makes a random key for each app"""
    no_key = {key: value for key, value in config.items() if key != "SECRET_KEY"}
    setups = [
        (no_key, None, "no SECRET_KEY and no ENV_NAME in the environment"),
        (no_key | {"ENV_NAME": "development"}, "production",
         "ENV_NAME=production in the environment: the config's ENV_NAME wins"),
    ]
    for cfg, env_name, environment in setups:
        if env_name is None:
            monkeypatch.delenv("ENV_NAME", raising=False)
        else:
            monkeypatch.setenv("ENV_NAME", env_name)
        what = "a development app that starts without a SECRET_KEY"
        create_app = factory()
        first = build_production_app(cfg, environment, what, create_app)
        second = build_production_app(cfg, environment, what, create_app)
        keys = [first.config.get("SECRET_KEY"), second.config.get("SECRET_KEY")]
        call = describe_call(cfg, environment) + ", twice (app.py imported once)"
        if not all(keys):
            fail("a SECRET_KEY of its own, made at startup", got=f"SECRET_KEY = {keys[0]!r}",
                 request=call, help="In development make a random key: secrets.token_hex(32).")
        if keys[0] == keys[1]:
            fail("two apps with different random keys (made by create_app for each app, "
                 "not written in the code)",
                 got=f"both apps have SECRET_KEY = {keys[0]!r}", request=call,
                 help="A key written in the code is public the day the code is. In development "
                      "make a random one inside create_app, for each app it builds (not once at "
                      "import): secrets.token_hex(32).")


def test_config_secret_key_wins_over_the_environment(config, monkeypatch):
    """in production a SECRET_KEY in the config wins over the SECRET_KEY environment variable"""
    monkeypatch.setenv("SECRET_KEY", ENV_SECRET)
    configured = "from-the-config-1b2d3f4a5c6e7f8091a2b3c4d5e6f708"
    cfg = production_config(config, SECRET_KEY=configured)
    environment = f"SECRET_KEY={ENV_SECRET} in the environment"
    app = build_production_app(cfg, environment)
    key = app.config.get("SECRET_KEY")
    if key != configured:
        fail("app.config['SECRET_KEY'] to be the one the config gave", got=f"SECRET_KEY = {key!r}",
             request=describe_call(cfg, environment),
             help="The order is: the config handed to create_app, then the environment: "
                  "app.config.get(\"SECRET_KEY\") or os.environ.get(\"SECRET_KEY\").")


def test_production_uses_the_secret_key_from_the_environment(config, monkeypatch):
    """in production the SECRET_KEY environment variable is used: the session cookie verifies with it"""
    monkeypatch.setenv("SECRET_KEY", ENV_SECRET)
    cfg = production_config(config)
    environment = f"SECRET_KEY={ENV_SECRET} in the environment"
    app = build_production_app(cfg, environment)
    key = app.config.get("SECRET_KEY")
    if key != ENV_SECRET:
        fail("app.config['SECRET_KEY'] to be the value of the SECRET_KEY environment variable",
             got=f"SECRET_KEY = {key!r}", request=describe_call(cfg, environment),
             help=PRODUCTION_HELP)
    response = app.test_client().get(PAGE)
    after = [describe_call(cfg, environment)]
    expect(response, after=after).status(200)
    name = app.config.get("SESSION_COOKIE_NAME") or "session"
    cookies = [h.split(";", 1)[0] for h in response.headers.getlist("Set-Cookie")]
    value = next((c.split("=", 1)[1] for c in cookies if c.split("=", 1)[0] == name), None)
    expect(response, after=after).that(
        bool(value), f"a {name} cookie: the form's CSRF token is kept in the session",
        got=f"Set-Cookie: {cookies}" if cookies else "no cookie set",
        help="This check reads the session cookie to see which key signed it, so it needs the "
             "CSRF token in the session first: GET /profile stores it there via csrf_token().")
    probe = Flask("flaskcourse_probe")
    probe.secret_key = ENV_SECRET
    try:
        probe.session_interface.get_signing_serializer(probe).loads(value)
    except BadSignature:
        expect(response, after=after).fail(
            "a session cookie signed with the SECRET_KEY from the environment",
            got="a cookie whose signature does not check out with that key")
