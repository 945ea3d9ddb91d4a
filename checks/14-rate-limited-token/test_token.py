"""Lesson 14: POST /v1/auth/token, in a blueprint, with problem-details errors and a rate limit.

The rate-limit checks freeze the clock (the ``clock`` fixture comes first so it is frozen before
the app is built): every attempt happens at the same instant unless a check moves time on.
"""

import functools
import linecache
import re
import secrets
import sys
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

import jwt
from werkzeug import security

from flaskcourse.checking import expect, fail, learner, show_json
from flaskcourse.checking.expect import route_help
from flaskcourse.checking.inspect_app import expect_not_kept
from flaskcourse.checking.payloads import bad_bodies, bad_fields
from flaskcourse.checking.spy import spy_on

URL = "/v1/auth/token"
LIMIT = 5
PROBLEM_KEYS = ("type", "title", "status", "detail")
OTHER_IP = "10.0.0.2"
RACE_HOLDS = 200  # at most this many lines of the learner's code to hold a racing attempt at
RACE_TIMEOUTS = 2  # holds that may end by time before the race check gives up (see the check)

# What came before the request a rate-limit failure shows (expect(..., after=[...])).
FIVE_WRONG = (f"{LIMIT} x POST {URL} with a wrong password, from 127.0.0.1, all in the same "
              "second (each answered, none refused)")
SIXTH_REFUSED = "a sixth one, refused with 429"


# ---------------------------------------------------------------------------------- helpers


def problem(response, status, after=()):
    """Expect an RFC 7807 body with this status (HTTP and in the body); return the body."""
    __tracebackhide__ = True
    e = expect(response, after=after).status(status)
    body = e.json_object()
    missing = [k for k in PROBLEM_KEYS if k not in body]
    e.that(not missing, "a problem-details body with type, title, status and detail",
           help=f"Missing: {', '.join(missing)}. Every error of this API has the same four "
                "members (RFC 7807), so a client parses one shape.")
    e.that(body["status"] == status,
           f'"status": {status} in the body, the same number as the HTTP status')
    kind = body["type"]
    e.that(isinstance(kind, str) and kind != "" and not any(c.isspace() for c in kind),
           '"type": a URI naming the kind of problem (such as "about:blank")',
           got=f'"type": {show_json(kind)}')
    e.that("instance" not in body, "a problem-details body without an \"instance\" member",
           got=f'"instance": {show_json(body.get("instance"))}',
           help="The RFC makes every member optional, and this API leaves instance out: its error "
                "bodies have type, title, status and detail (and missing_fields on a 422).")
    e.content_type("application/problem+json")
    return body


def issue(client, credentials):
    """Log in with the right password; return the expectation and the access token."""
    __tracebackhide__ = True
    e = expect(client.post(URL, json=credentials)).status(200)
    token = e.json_object().get("access_token")
    e.that(isinstance(token, str) and token.count(".") == 2,
           "an access_token that is a JWT (three base64url parts joined by dots)",
           help="Make it with jwt.encode(claims, key, algorithm=\"HS256\"), which returns a str.")
    return e, token


def use_up_the_limit(client, body, **kwargs):
    """Send five attempts; none of them may be refused."""
    __tracebackhide__ = True
    for n in range(1, LIMIT + 1):
        response = client.post(URL, json=body, **kwargs)
        before = [f"{n - 1} x the same request, from the same IP, in the same second (each "
                  "answered)"] if n > 1 else []
        expect(response, after=before).that(
            response.status_code != 429,
            f"attempt {n} of {LIMIT} within a minute to be answered, not refused: the limit is "
            f"{LIMIT} attempts per minute per IP",
            help="Refuse an attempt only when five are already inside the window.",
        )


def sixth_attempt_is_refused(client, body, *, precondition=True):
    """The sixth attempt gets 429; for most checks this is the ground they build on."""
    __tracebackhide__ = True
    response = client.post(URL, json=body)
    expect(response, after=[FIVE_WRONG]).that(
        response.status_code == 429,
        "status 429 for the sixth attempt within a minute from one IP"
        + (" (this check needs the limit itself to work first)" if precondition else ""),
    )
    return response


def from_ip(n):
    """A client address of its own for the n-th request of a loop, so the limit never bites."""
    return {"environ_base": {"REMOTE_ADDR": f"10.9.{n // 250}.{n % 250 + 1}"}}


def login_status(client, body):
    return client.post(URL, json=body).status_code


def retry_after_seconds(value, now):
    """Retry-After as seconds: delta-seconds ("30") or an HTTP date; None if neither."""
    value = value.strip()
    if value.isdigit():
        return int(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return (when - now).total_seconds()


# ------------------------------------------------------------------------------ the token


def test_valid_credentials_get_a_bearer_token(client, credentials):
    """the right email and password get 200 with access_token, token_type "bearer", expires_in 3600 and Cache-Control: no-store"""
    response = client.post(URL, json=credentials)
    e = expect(response).status(200)
    e.json_includes({"token_type": "bearer", "expires_in": 3600})
    token = e.json_object().get("access_token")
    e.that(isinstance(token, str) and token != "", "a non-empty access_token string")
    e.header("Cache-Control")
    e.that("no-store" in response.headers["Cache-Control"].lower(),
           "Cache-Control: no-store on the token response",
           got=f"Cache-Control: {response.headers['Cache-Control']}",
           help="A token is a credential: no browser or proxy cache should keep a copy.")


def test_token_is_signed_with_the_app_secret_key(app, client, credentials):
    """the token is an HS256 JWT signed with the app's SECRET_KEY, with a sub claim"""
    e, token = issue(client, credentials)
    header = jwt.get_unverified_header(token)
    e.that(header.get("alg") == "HS256", "a token signed with HS256",
           got=f"a token whose header says {show_json(header)}")
    key = app.config["SECRET_KEY"]
    try:
        # exp is the next check's business: here only the key, the algorithm and the claims.
        claims = jwt.decode(token, key, algorithms=["HS256"],
                            options={"require": ["sub", "exp"], "verify_exp": False})
    except jwt.InvalidSignatureError:
        e.fail("a token whose signature checks out with app.config['SECRET_KEY']",
               got="a token signed with some other key",
               help="Sign with current_app.config[\"SECRET_KEY\"], read inside the view, so each "
                    "app and each deployment signs with its own configured key.")
    except jwt.PyJWTError as exc:
        e.fail("a token that decodes with the app's SECRET_KEY and carries sub and exp claims",
               got=f"PyJWT refused it: {exc} (claims: "
                   f"{show_json(jwt.decode(token, options={'verify_signature': False}))})")
    e.that(isinstance(claims["sub"], str) and claims["sub"].strip() != "",
           'a "sub" claim naming the user', got=f"claims {show_json(claims)}")


def test_the_key_is_read_when_the_token_is_made(make_app, credentials):
    """the token is signed with the SECRET_KEY the app has when the token is made"""
    app = make_app()
    key = "changed-after-create-app-" + secrets.token_hex(16)
    app.config["SECRET_KEY"] = key
    response = app.test_client().post(URL, json=credentials)
    e = expect(response, after=["create_app(config), then app.config[\"SECRET_KEY\"] = <a new "
                                "key>"]).status(200)
    token = e.json_object().get("access_token")
    try:
        jwt.decode(str(token), key, algorithms=["HS256"], options={"verify_exp": False})
    except jwt.InvalidSignatureError:
        e.fail("a token whose signature checks out with the SECRET_KEY the app has now (set "
               "after create_app())",
               got="a token signed with some other key (the one the app had when it was built?)",
               help="Read current_app.config[\"SECRET_KEY\"] inside the view, each time you sign. "
                    "A copy taken in create_app or init_app keeps the old key when the config "
                    "changes.")
    except jwt.PyJWTError:
        pass  # the signature checked out; the token's claims are the other checks' business


def test_token_expires_an_hour_after_it_is_issued(clock, client, credentials):
    """the token's exp is one hour after it was issued"""
    e, token = issue(client, credentials)
    claims = jwt.decode(token, options={"verify_signature": False})
    exp = claims.get("exp")
    e.that(isinstance(exp, (int, float)) and not isinstance(exp, bool),
           'an "exp" claim: the Unix time, in seconds, when the token expires',
           got=f"claims {show_json(claims)}")
    lifetime = exp - clock.time()
    when = (f"{lifetime:.0f} seconds after the request" if lifetime >= 0 else
            f"{-lifetime:.0f} seconds before the request: the token was born expired")
    e.that(3590 <= lifetime <= 3610,
           "a token that expires 3600 seconds (one hour) after it is issued",
           got=f"exp = {exp}, {when} (claims {show_json(claims)})",
           help="exp is an absolute time: int(time.time()) + 3600, in seconds since 1970.")


# ---------------------------------------------------------------------------- bad input


def test_missing_fields_give_422_listing_them(client):
    """an empty JSON object gives 422 with missing_fields listing email and password"""
    response = client.post(URL, json={})
    body = problem(response, 422)
    listed = body.get("missing_fields")
    expect(response).that(
        isinstance(listed, list) and sorted(listed) == ["email", "password"],
        'a "missing_fields" list naming "email" and "password"',
        help="Say which fields are missing in a list a program can read, beside the detail text.",
    )


def test_only_the_missing_field_is_listed(client, credentials):
    """a body with only an email, known or unknown, gives 422 listing just password"""
    for email, whose in ((credentials["email"], "a user's email"),
                         ("nobody@example.com", "an email nobody has")):
        response = client.post(URL, json={"email": email})
        body = problem(response, 422)
        expect(response).that(
            body.get("missing_fields") == ["password"],
            f'"missing_fields": ["password"] (the email was sent: {whose})',
            help="A missing field is a 422 whoever the email belongs to. Check the fields before "
                 "looking the email up: a 401 for an unknown email and a 422 for a known one tell "
                 "an attacker which emails have accounts.")


def test_every_kind_of_missing_field_is_listed(client, credentials):
    """a field absent, "", null, a number, a boolean, a list or an object gives 422 listing just that field"""
    n = 0
    for field in ("email", "password"):
        empty = [(f"{field} is an empty string", {"json": {**credentials, field: ""}})]
        for label, kwargs in [*bad_fields(credentials, field, kinds=("missing", "not_a_string")),
                              *empty]:
            n += 1
            response = client.post(URL, **kwargs, **from_ip(n))
            body = problem(response, 422)
            expect(response).that(
                body.get("missing_fields") == [field],
                f'"missing_fields": ["{field}"] ({label}; the other field was right)',
                help="A field counts as missing when it is absent, not a string, or \"\". "
                     "Test with isinstance(value, str) and value != \"\".",
            )


def test_a_password_of_spaces_is_a_wrong_password(client, credentials):
    """a password of spaces is a string like any other: it gets 401, not 422"""
    problem(client.post(URL, json={**credentials, "password": "   "}), 401)


def test_a_body_that_is_not_a_json_object_gives_422(client, credentials):
    """a body that is not a JSON object (none, plain text, broken JSON, a form, a list, a string, a number, null) gives 422 listing both fields"""
    attempts = [
        ("plain text", {"data": "email=ada@example.com", "content_type": "text/plain"}),
        ("broken JSON", {"data": '{"email": "ada@example.com", ',
                         "content_type": "application/json"}),
        *[(label, kwargs) for label, kwargs in bad_bodies(credentials)
          if label != "JSON text sent as text/plain"],
    ]
    for n, (label, kwargs) in enumerate(attempts):
        response = client.post(URL, **kwargs, **from_ip(n))
        if response.status_code in (400, 415):
            expect(response).fail(
                f"status 422 for {label}", help="That is Flask's own answer from "
                "request.get_json() (or request.json). Read the body with "
                "request.get_json(silent=True), which gives None instead, and treat anything but "
                "a dict as a body with no fields.")
        body = problem(response, 422)
        listed = body.get("missing_fields")
        expect(response).that(
            isinstance(listed, list) and sorted(listed) == ["email", "password"],
            f'"missing_fields" naming "email" and "password" for {label}',
            help="A body that is not a JSON object is no better than no body at all: treat it "
                 "as {}.")


# -------------------------------------------------------------------------- credentials


def test_wrong_password_gives_401(client, wrong_password):
    """a wrong password gives 401 as a problem-details body"""
    problem(client.post(URL, json=wrong_password), 401)


def test_unknown_email_looks_like_a_wrong_password(client, wrong_password):
    """an unknown email gets exactly the same 401 as a wrong password"""
    wrong = client.post(URL, json=wrong_password)
    problem(wrong, 401)
    unknown = client.post(URL, json={"email": "nobody@example.com",
                                     "password": wrong_password["password"]})
    body = problem(unknown, 401)
    expect(unknown).that(
        body == wrong.get_json(),
        "the very same body as for a wrong password",
        got=f"for the unknown email: {show_json(body)}\nfor a wrong password: "
            f"{show_json(wrong.get_json())}",
        help="Any difference tells an attacker which emails have accounts (user enumeration).",
    )


def hash_methods(spy):
    """The method and cost written at the start of each hash handed to check_password_hash."""
    hashes = [call.kwargs.get("pwhash", call.args[0] if call.args else None) for call in spy.calls]
    return sorted({str(h).partition("$")[0] for h in hashes})


def test_an_unknown_email_costs_a_password_check_too(make_app, wrong_password):
    """an unknown email is checked against a dummy hash: as many check_password_hash calls as a wrong password"""
    with spy_on(security, "check_password_hash") as spy:
        client = make_app().test_client()
        spy.reset()
        problem(client.post(URL, json=wrong_password), 401)
        wrong, wrong_methods = spy.count, hash_methods(spy)
        spy.reset()
        unknown = {"email": "nobody@example.com", "password": wrong_password["password"]}
        problem(client.post(URL, json=unknown), 401)
    request = (f"POST {URL} with {show_json(unknown)} (the checks looked inside: they read the "
               "calls to werkzeug.security.check_password_hash; for a wrong password it was "
               f"called {wrong} time{'s' if wrong != 1 else ''}, with a hash of the method "
               f"{' and '.join(wrong_methods) or 'none'})")
    spy.expect_calls(
        max(wrong, 1), max(wrong, 1), request=request,
        why="Checking a hash takes tens of milliseconds on purpose. If an unknown email skips it, "
            "the fast answers tell an attacker which emails have no account. Check the password "
            "against a dummy hash anyway, and throw the result away.")
    methods = hash_methods(spy)
    if methods != wrong_methods:
        fail("the dummy hash made the same way as the users' hashes (the same method and cost, "
             f"written before the first $: {' and '.join(wrong_methods)}), so that checking it "
             "costs the same",
             f"a hash of the method {' and '.join(methods)}", request=request,
             help="Make the dummy hash with generate_password_hash, once, in init_app beside the "
                  "real ones. A hash pasted into the code keeps the method and cost it was made "
                  "with (the checks even lower Werkzeug's default cost while they run), and a "
                  "cheaper one answers unknown emails faster.")


def one_user_app(make_app, email):
    """An app whose USERS is ``email`` with a fresh password, and that user's login: (app,
    password, response)."""
    password = "pw-" + secrets.token_hex(8)
    app = make_app(USERS={email: password})
    return app, password, app.test_client().post(URL, json={"email": email, "password": password})


def test_no_plaintext_password_is_kept(make_app):
    """the app keeps only hashes: no plaintext password outside the config it was given"""
    app, password, response = one_user_app(make_app, "grace@example.com")
    expect(response).status(200, help="The checks built the app with USERS = "
                                      "{\"grace@example.com\": <a password>} and logged in.")
    expect_not_kept(
        app, password, what="the plaintext password (outside app.config[\"USERS\"])",
        request="create_app(config) with USERS = {\"grace@example.com\": <a password>}, "
                "then the checks looked inside the app (app.extensions, app.config "
                "without USERS) and your modules' globals",
        why="Hash every password once, when the app is built "
            "(generate_password_hash), and keep only the hashes.", ignoring=("USERS",))


def test_a_login_checks_the_stored_hash(make_app, credentials, wrong_password):
    """a login (right, wrong, unknown email) calls check_password_hash and hashes nothing"""
    logins = [(credentials, 200, "the right email and password"),
              (wrong_password, 401, "a wrong password"),
              ({**wrong_password, "email": "nobody@example.com"}, 401, "an unknown email")]
    with spy_on(security, "check_password_hash") as checks, \
            spy_on(security, "generate_password_hash") as hashes:
        client = make_app().test_client()
        for body, status, what in logins:
            checks.reset()
            hashes.reset()
            expect(client.post(URL, json=body)).status(status)
            request = (f"POST {URL} with {what} (the checks looked inside: they counted the "
                       "calls to werkzeug.security's functions)")
            hashes.expect_calls(
                0, request=request,
                why="Hash the passwords, and the dummy hash for unknown emails, once, when the "
                    "app is built; a login only checks. A hash made per request costs a second "
                    "hash on top of the check.")
            checks.expect_calls(
                1, 10**9, request=request,
                why="Compare with check_password_hash(stored_hash, password): it hashes the "
                    "guess with the stored salt and compares in constant time. A plaintext == "
                    "comparison means the plaintext was kept.")


def test_an_email_is_matched_as_written_in_users(make_app):
    """a user whose email in USERS has capitals logs in with that email exactly as written"""
    _, _, response = one_user_app(make_app, "Grace.Hopper@Example.com")
    expect(response, after=["create_app(config) with USERS = {\"Grace.Hopper@Example.com\": "
                            "<a password>}"]).status(
        200, help="An email sent exactly as it is written in USERS logs in. If you match emails "
                  "without regard to case, fold both sides: the keys of USERS when you hash them, "
                  "and the email of each request.")


def test_a_second_app_from_the_same_config_logs_in(make_app, credentials):
    """two apps built from the same config both log the user in (the given USERS is left as it is)"""
    expect(make_app().test_client().post(URL, json=credentials)).status(200)
    response = make_app(reimport=False).test_client().post(URL, json=credentials)
    expect(response, after=["create_app(config) and a login (200)",
                            "a second create_app(config) with the very same config"]).status(
        200, help="Hash into a new dict: if init_app replaces the passwords in app.config[\"USERS\"] "
                  "(the caller's mapping) with hashes, the next app hashes the hashes.")


# ---------------------------------------------------------------------------- the limit


def test_sixth_attempt_in_a_minute_gives_429(clock, client, wrong_password):
    """five attempts a minute from one IP are answered; the sixth gets 429"""
    use_up_the_limit(client, wrong_password)
    problem(sixth_attempt_is_refused(client, wrong_password, precondition=False), 429,
            after=[FIVE_WRONG])


def test_429_carries_retry_after(clock, client, wrong_password):
    """the 429's Retry-After is the wait until the oldest attempt is 60 s old, rounded up"""
    use_up_the_limit(client, wrong_password)
    moved = 0.0
    for at, wanted in ((0.0, 60), (30.5, 30), (59.5, 1)):
        clock.advance(at - moved)
        moved = at
        response = sixth_attempt_is_refused(client, wrong_password)
        when = f"{at:g} seconds after the five attempts" if at else "right after the five attempts"
        e = expect(response, after=[FIVE_WRONG, f"{at:g} seconds pass"] if at else [FIVE_WRONG])
        e.header("Retry-After")
        value = response.headers["Retry-After"]
        seconds = retry_after_seconds(value, clock.now())
        e.that(seconds is not None and wanted - 1 < seconds <= wanted,
               f"Retry-After: {wanted} ({when}, the oldest attempt leaves the window in "
               f"{60 - at:g} s, rounded up to whole seconds)",
               got=f"Retry-After: {value}",
               help="The wait is oldest + 60 - now, rounded up with math.ceil: never 0, and not "
                    "always the whole window.")


def test_the_429_detail_names_the_same_wait(clock, client, wrong_password):
    """the 429's detail names the same number of seconds as its Retry-After"""
    use_up_the_limit(client, wrong_password)
    moved = 0.0
    for at, wanted in ((0.0, 60), (30.5, 30), (59.5, 1)):
        clock.advance(at - moved)
        moved = at
        response = sixth_attempt_is_refused(client, wrong_password)
        story = [FIVE_WRONG, f"{at:g} seconds pass"] if at else [FIVE_WRONG]
        detail = str(problem(response, 429, after=story)["detail"])
        e = expect(response, after=story)
        e.that(re.search(rf"(?<![\d.]){wanted}(?!\d)", detail) is not None,
               f"a detail naming the wait, {wanted} s: the same number as Retry-After "
               f"(the oldest attempt leaves the window in {60 - at:g} s, rounded up)",
               got=f'"detail": {show_json(detail)}',
               help="Work the wait out once, rounded up to whole seconds, and use that one number "
                    "in the header and in the detail: a person reads the detail, a program the "
                    "header, and they must not disagree.")


def test_the_right_password_is_refused_once_limited(clock, client, credentials, wrong_password):
    """once an IP is limited, even the right password gets 429"""
    use_up_the_limit(client, wrong_password)
    response = client.post(URL, json=credentials)
    expect(response, after=[FIVE_WRONG]).that(
        response.status_code == 429,
        "status 429 for the right password after five wrong ones: the limit applies before "
        "the password is checked",
        help="If a correct guess still gets 200 while the IP is limited, an attacker can keep "
             "guessing and simply watch for the 200. Check the limit first, for every attempt."
        if response.status_code == 200 else None,
    )


def test_another_ip_is_not_affected(clock, client, credentials, wrong_password):
    """another IP can still log in while the first is limited"""
    use_up_the_limit(client, wrong_password)
    sixth_attempt_is_refused(client, wrong_password)
    response = client.post(URL, json=credentials, environ_base={"REMOTE_ADDR": OTHER_IP})
    expect(response, after=[FIVE_WRONG, SIXTH_REFUSED]).that(
        response.status_code == 200,
        f"status 200 for the right password from {OTHER_IP}: attempts are counted per IP",
        help="Key the counts on request.remote_addr, not one counter for everybody.",
    )


def test_x_forwarded_for_does_not_escape_the_limit(clock, client, wrong_password):
    """a made-up X-Forwarded-For, X-Real-IP or Forwarded header does not get around the limit"""
    use_up_the_limit(client, wrong_password)
    sixth_attempt_is_refused(client, wrong_password)
    for name, value in (("X-Forwarded-For", "203.0.113.7"), ("X-Real-IP", "203.0.113.8"),
                        ("Forwarded", "for=203.0.113.9")):
        response = client.post(URL, json=wrong_password, headers={name: value})
        expect(response, after=[FIVE_WRONG, SIXTH_REFUSED]).that(
            response.status_code == 429,
            f"status 429: the same client is still limited whatever {name} says",
            help=f"Any client can write any {name} header, so a limit keyed on it is a limit "
                 "an attacker picks. Use request.remote_addr; behind a proxy you run, let "
                 "ProxyFix set it.",
        )


def test_the_limit_lifts_after_a_minute(clock, client, credentials, wrong_password):
    """59 s after five attempts the IP is still refused; at 60 s it can log in again"""
    use_up_the_limit(client, wrong_password)
    clock.advance(59)
    response = client.post(URL, json=credentials)
    expect(response, after=[FIVE_WRONG, "59 seconds pass"]).that(
        response.status_code == 429,
        "status 429 59 seconds after the five attempts: they are all still inside the window",
        help="Drop only the attempts that are 60 seconds old or older.",
    )
    clock.advance(1)
    response = client.post(URL, json=credentials)
    expect(response, after=[FIVE_WRONG, "59 seconds pass, one more attempt (429)",
                            "1 more second passes"]).that(
        response.status_code == 200,
        "status 200 for the right password exactly 60 seconds after the five attempts",
        help="Drop the times that are 60 seconds old or older (now - oldest >= 60), before "
             "counting; an attempt exactly 60 s old no longer counts.",
    )


def test_the_window_slides(clock, client, credentials, wrong_password):
    """the window slides: each attempt leaves it 60 s after it was made, and Retry-After follows the oldest"""
    client.post(URL, json=wrong_password)
    clock.advance(20)
    client.post(URL, json=wrong_password)
    clock.advance(20)
    for _ in range(LIMIT - 2):
        client.post(URL, json=wrong_password)
    clock.advance(20)
    story = [f"POST {URL} with a wrong password at 0 s", "another at 20 s",
             f"{LIMIT - 2} more at 40 s", "now it is 60 s"]
    response = client.post(URL, json=credentials)
    expect(response, after=story).that(
        response.status_code == 200,
        "status 200: the attempt made at 0 s is 60 seconds old and left the window, so only "
        "four are counted")
    response = client.post(URL, json=credentials)
    e = expect(response, after=[*story, "the right password (200)"])
    e.that(response.status_code == 429,
           "status 429: the attempts made at 20 s and 40 s are still in the window, plus the "
           "one just made",
           help="Keep the time of every attempt and drop each one when it is 60 seconds old; a "
                "counter that resets a minute after the first attempt lets ten in.")
    e.header("Retry-After")
    seconds = retry_after_seconds(response.headers["Retry-After"], clock.now())
    e.that(seconds is not None and 19 < seconds <= 20,
           "Retry-After: 20 (the oldest counted attempt, made at 20 s, leaves the window at 80 s)",
           got=f"Retry-After: {response.headers['Retry-After']}")


def test_refused_attempts_do_not_push_the_window_back(clock, client, credentials,
                                                      wrong_password):
    """refused attempts are not recorded: 60 s after the five, the IP can log in whatever it tried meanwhile"""
    use_up_the_limit(client, wrong_password)
    clock.advance(30)
    for _ in range(LIMIT):
        client.post(URL, json=wrong_password)
    clock.advance(30)
    response = client.post(URL, json=credentials)
    expect(response, after=[FIVE_WRONG, "30 seconds pass", f"{LIMIT} more attempts (refused)",
                            "30 more seconds pass"]).that(
        response.status_code == 200,
        "status 200: the five counted attempts are 60 seconds old, and the refused ones were "
        "never counted",
        help="Don't record a refused attempt; otherwise a client that keeps retrying pushes its "
             "own window forward forever.",
    )


def test_a_wall_clock_jump_does_not_move_the_window(clock, client, credentials, wrong_password):
    """the window is measured on time.monotonic(): a jump of the wall clock neither lifts nor extends it"""
    use_up_the_limit(client, wrong_password)
    clock.advance_wall(3600)
    response = client.post(URL, json=credentials)
    expect(response, after=[FIVE_WRONG, "the wall clock (time.time) jumps an hour forward; the "
                            "monotonic clock does not move"]).that(
        response.status_code == 429,
        "status 429: no time has really passed, only the system clock was set",
        help="Stamp attempts with time.monotonic(), which never jumps when the system clock is "
             "adjusted; time.time() does.",
    )
    clock.advance_wall(-7200)
    clock.advance_monotonic(60)
    response = client.post(URL, json=credentials)
    expect(response, after=[FIVE_WRONG, "the wall clock jumps an hour forward, then two hours "
                            "back, while 60 seconds really pass (time.monotonic)"]).that(
        response.status_code == 200,
        "status 200: 60 seconds really passed since the five attempts",
        help="Stamp attempts with time.monotonic(), which never jumps when the system clock is "
             "adjusted; time.time() does.",
    )


def test_malformed_attempts_count_too(clock, client, credentials):
    """every attempt counts, even a malformed one: after five 422s the right password gets 429"""
    malformed = [{"json": {}}, {"data": "email=ada@example.com", "content_type": "text/plain"},
                 {"json": ["ada@example.com"]}, {"json": {"email": credentials["email"]}},
                 {"json": {"email": "", "password": ""}}]
    for kwargs in malformed:
        client.post(URL, **kwargs)
    response = client.post(URL, json=credentials)
    expect(response, after=["5 x POST /v1/auth/token with malformed bodies (an empty object, "
                            "plain text, a JSON list, only an email, empty strings), from "
                            "127.0.0.1, in the same second"]).that(
        response.status_code == 429,
        "status 429: five attempts were made in this minute, well-formed or not",
        help="Check the limit first, before the body is even parsed: every attempt counts.",
    )


def test_a_new_email_for_each_attempt_does_not_escape_the_limit(clock, client, wrong_password):
    """the limit is per IP: a different email for each attempt does not get a sixth try"""
    for n in range(LIMIT):
        client.post(URL, json={**wrong_password, "email": f"user{n}@example.com"})
    response = client.post(URL, json={**wrong_password, "email": "user5@example.com"})
    expect(response, after=[f"{LIMIT} x POST {URL} from 127.0.0.1, each with another email "
                            "(user0@example.com ... user4@example.com)"]).that(
        response.status_code == 429,
        "status 429 for the sixth attempt from the same IP, whatever email it names",
        help="Key the limit on request.remote_addr alone: keyed on IP and email, one address can "
             "try five passwords for every account it likes.",
    )


class _Race:
    """What a race shares with the locks the learner's app made (see ``_WatchedLock``)."""

    second = None       # the thread id of the request that runs while the first is held
    let_go = None       # an Event: set to end the hold of the first request


class _WatchedLock:
    """A threading.Lock or RLock that lets the held first request go as soon as the second one
    has to wait for a lock: code that keeps its lock from look to set is then held for no time,
    and the race needs no timeout to come out right."""

    def __init__(self, real):
        self._real = real

    def acquire(self, *args, **kwargs):
        blocking = args[0] if args else kwargs.get("blocking", True)
        if blocking and _Race.second == threading.get_ident():
            if self._real.acquire(False):
                return True
            _Race.let_go.set()
        return self._real.acquire(*args, **kwargs)

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *exc_info):
        self._real.release()

    def __getattr__(self, name):
        return getattr(self._real, name)


@contextmanager
def watched_locks():
    """While the app is built and raced, threading.Lock() and RLock() make watched locks."""
    real_lock, real_rlock = threading.Lock, threading.RLock
    threading.Lock = lambda: _WatchedLock(real_lock())
    threading.RLock = lambda *args, **kwargs: _WatchedLock(real_rlock(*args, **kwargs))
    try:
        yield
    finally:
        threading.Lock, threading.RLock = real_lock, real_rlock


@functools.lru_cache(maxsize=64)
def _is_learner_file(filename):
    return learner.is_learner_file(filename)


@dataclass
class HeldRace:
    first: object = None        # the first attempt's response (or what the app raised)
    second: object = None       # the second's, or None when the first was never held
    lines: int = 0              # the lines of the learner's files the first attempt ran
    held: tuple = None          # (file, line) the first attempt was held before
    timed_out: bool = False     # the hold ended by time: the second neither ended nor waited
                                # for a lock the checks can see


def attempt_held_at_line(app, body, ip, hold_at=None, wait=1.0):
    """POST ``body`` from ``ip`` in a thread that follows the learner's code line by line; with
    ``hold_at``, hold it just before its line number ``hold_at`` (counted over every line of the
    learner's files it runs) while a second attempt from the same IP runs to its end."""
    environ = {"REMOTE_ADDR": ip}
    race = HeldRace()
    reached, let_go = threading.Event(), threading.Event()

    def local(frame, event, arg):
        if event == "line":
            race.lines += 1
            if race.lines == hold_at:
                race.held = (frame.f_code.co_filename, frame.f_lineno)
                reached.set()
                race.timed_out = not let_go.wait(wait)
        return local

    def follow(frame, event, arg):
        return local if _is_learner_file(frame.f_code.co_filename) else None

    def run(name, traced):
        if traced:
            sys.settrace(follow)
        else:
            _Race.second = threading.get_ident()
        try:
            setattr(race, name, app.test_client().post(URL, json=body, environ_base=environ))
        except BaseException as exc:
            setattr(race, name, exc)
        finally:
            if traced:
                sys.settrace(None)
                reached.set()
            else:
                let_go.set()

    one = threading.Thread(target=run, args=("first", True), daemon=True)
    two = threading.Thread(target=run, args=("second", False), daemon=True)
    _Race.second, _Race.let_go = None, let_go
    try:
        one.start()
        reached.wait(wait * 5)
        if race.held is not None:
            two.start()
            two.join(wait * 5)
        let_go.set()
        one.join(wait * 5)
    finally:
        _Race.second = None
    return race


def held_where(held):
    filename, line = held
    code = linecache.getline(filename, line).strip()
    return f"{learner.show_path(filename)}, line {line}" + (f" ({code})" if code else "")


def test_racing_attempts_are_counted_as_one_step(clock, make_app, wrong_password):
    """two attempts racing in when four are counted: exactly one gets through, one gets 429"""
    with watched_locks():
        app = make_app()
        client = app.test_client()

        def four_attempts(ip):
            for _ in range(LIMIT - 1):
                client.post(URL, json=wrong_password, environ_base={"REMOTE_ADDR": ip})

        four_attempts("10.8.0.1")
        lines = attempt_held_at_line(app, wrong_password, "10.8.0.1").lines
        timed_out = 0
        for hold_at in range(1, min(lines, RACE_HOLDS) + 1):
            ip = f"10.8.{hold_at // 250 + 1}.{hold_at % 250 + 1}"
            four_attempts(ip)
            race = attempt_held_at_line(app, wrong_password, ip, hold_at)
            got = [getattr(r, "status_code", repr(r)) for r in (race.first, race.second)]
            if race.held is not None and got.count(429) != 1:
                fail("one of the two racing attempts answered and the other refused with 429: "
                     "with four attempts counted, only one more fits in the minute",
                     f"statuses {got[0]} (the first) and {got[1]} (the second)",
                     request=f"{LIMIT - 1} x POST {URL} with a wrong password from {ip}, then two "
                             "more at once (the checks held the first one in your code just "
                             f"before {held_where(race.held)}, while the second ran to its end)",
                     help="Look at the stamps and record the new one as one step, under one "
                          "threading.Lock that every attempt shares (made once, with the "
                          "limiter): the development server answers requests in threads.")
            # The second waited for something the checks cannot see (not a threading.Lock or
            # RLock): the app serialises attempts its own way, and each hold would cost `wait`.
            timed_out += race.timed_out
            if timed_out >= RACE_TIMEOUTS:
                break


# ---------------------------------------------------------------------------- structure


def test_other_errors_are_problem_details_too(client):
    """404 and 405 are problem-details bodies too, with the same four members"""
    problem(client.get(URL), 405)
    problem(client.get("/v1/auth/no-such-page"), 404)



def test_the_endpoint_is_served_by_a_blueprint(app):
    """POST /v1/auth/token is served by a blueprint"""
    try:
        endpoint, _ = app.url_map.bind("localhost").match(URL, method="POST")
    except Exception:
        fail("a route for POST /v1/auth/token", got=route_help(app, "POST", URL) or "no such route")
    blueprint = endpoint.rpartition(".")[0].split(".")[0]
    if not app.blueprints or blueprint not in app.blueprints:
        fail("the view registered through a Blueprint (an endpoint named like \"auth.issue_token\")",
             got=f"the endpoint {endpoint!r}; blueprints registered: "
                 f"{', '.join(app.blueprints) or 'none'}",
             help="Put the route on a Blueprint in its own module and register it in create_app "
                  "with url_prefix=\"/v1/auth\".")


def test_two_apps_do_not_share_the_limit(clock, client, make_app, credentials, wrong_password):
    """two apps from create_app() keep separate attempt counts"""
    use_up_the_limit(client, wrong_password)
    sixth_attempt_is_refused(client, wrong_password)
    other = make_app(reimport=False)
    response = other.test_client().post(URL, json=credentials)
    expect(response, after=[FIVE_WRONG + " to the first app", SIXTH_REFUSED,
                            "a second app is built by create_app(config)"]).that(
        response.status_code == 200,
        "status 200 from a second app made by create_app(): each app keeps its own counts",
        help="When the attempts live in a module-level variable, every app create_app() makes in "
             "this process shares them: one test's attempts lock out the next. Create the limiter "
             "inside create_app and keep it on the app, e.g. in app.extensions.",
    )
