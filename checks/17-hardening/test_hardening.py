"""Lesson 17: security headers on every response, CSRF protection on the profile form, a
default MAX_CONTENT_LENGTH, and a SECRET_KEY that production takes from the environment.

Headers are read the way a browser reads them: frame protection may come from X-Frame-Options or
from CSP frame-ancestors; a CSRF refusal may be 400 or 403; a successful POST may redirect or
answer 200. The production checks call create_app themselves, with a config that has no
SECRET_KEY, because the usual fixtures would stop the whole run if the factory raised.
"""

from flask import Flask
from itsdangerous import BadSignature

from flaskcourse.checking import learner
from flaskcourse.checking.client import RecordingClient

from flaskcourse.checking import expect, fail
from flaskcourse.checking.html import page_of

PAGE = "/profile"
FIELD = "csrf_token"
NAME_FIELD = "display_name"
REJECTED = (400, 403)

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
    for name in ("default-src", "script-src"):
        loose = LOOSE_SOURCES & set(directives.get(name, []))
        if loose:
            return f"{name} allows {', '.join(sorted(loose))}, which lets injected code run"
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


def production_config(config, **extra):
    """The checks' config for a production app, without the SECRET_KEY the base config has."""
    cfg = {key: value for key, value in config.items() if key != "SECRET_KEY"}
    return cfg | {"ENV_NAME": "production"} | extra


def describe_call(cfg, environment):
    shown = {k: cfg[k] for k in ("ENV_NAME", "SECRET_KEY") if k in cfg}
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


def build_production_app(cfg, environment):
    """create_app(cfg) that must start; any exception fails the check with the learner's frames."""
    __tracebackhide__ = True
    create_app = factory()
    try:
        app = create_app(cfg)
    except Exception as exc:
        fail("a production app that starts", got=learner.describe_exception(exc, "create_app raised"),
             request=describe_call(cfg, environment), help=PRODUCTION_HELP)
    if not isinstance(app, Flask):
        fail("create_app to return the Flask app", got=f"{type(app).__name__}",
             request=describe_call(cfg, environment))
    app.test_client_class = RecordingClient
    return app


def oversize_post(client, app):
    """POST the form with a body one byte over the app's own MAX_CONTENT_LENGTH."""
    __tracebackhide__ = True
    limit = app.config.get("MAX_CONTENT_LENGTH")
    if not isinstance(limit, int) or isinstance(limit, bool) or not 0 < limit <= 16 * 1024 * 1024:
        fail('app.config["MAX_CONTENT_LENGTH"] set by create_app to a number of bytes '
             "(at most 16 MiB) when the config gives none",
             got=f"MAX_CONTENT_LENGTH = {limit!r}",
             request="create_app(test config without MAX_CONTENT_LENGTH)",
             help="Flask's default is None: no limit, so a client can send gigabytes. Put a "
                  "limit in the defaults create_app starts from, e.g. 64 * 1024 for a small form.")
    token = form_token(client)
    body = {FIELD: token, NAME_FIELD: "x" * (limit + 1)}
    return client.post(PAGE, data=body), limit


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
    """by default a POST larger than MAX_CONTENT_LENGTH is refused with 413"""
    response, limit = oversize_post(client, app)
    expect(response, after=[f"GET /profile, then a form {limit + 1} bytes and more"]).status(
        413, help=f"MAX_CONTENT_LENGTH is {limit}: reading request.form then raises 413 by "
                  "itself. Don't catch it and turn it into something else.")


def test_413_carries_the_security_headers(app, client):
    """a 413 for an oversize POST carries the security headers too"""
    response, limit = oversize_post(client, app)
    expect(response).that(response.status_code == 413,
                          "status 413 (this check needs the size limit to work first)")
    expect_security_headers(response, "a 413 response")


# -------------------------------------------------------------------------------- secrets


def test_production_without_secret_key_refuses_to_start(config):
    """in production with no SECRET_KEY in config or environment, create_app raises RuntimeError"""
    cfg = production_config(config)
    call = describe_call(cfg, "no SECRET_KEY in the environment")
    create_app = factory()
    try:
        app = create_app(cfg)
    except RuntimeError as exc:
        if "SECRET_KEY" not in str(exc):
            fail("a RuntimeError whose message names SECRET_KEY and says where to set it",
                 got=f"RuntimeError: {exc}", request=call)
        return
    except Exception as exc:
        fail("RuntimeError with a message naming SECRET_KEY",
             got=learner.describe_exception(exc, "create_app raised"), request=call,
             help="A KeyError from os.environ['SECRET_KEY'] stops the app too, but says nothing "
                  "to whoever deploys it: raise RuntimeError with a message that explains.")
    key = app.config.get("SECRET_KEY") if isinstance(app, Flask) else None
    fail("create_app to refuse to start (raise RuntimeError naming SECRET_KEY)",
         got=f"an app that started with SECRET_KEY = {key!r}", request=call,
         help=PRODUCTION_HELP)


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
