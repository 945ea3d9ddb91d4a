"""Lesson 14: POST /v1/auth/token, in a blueprint, with problem-details errors and a rate limit.

The rate-limit checks freeze the clock (the ``clock`` fixture comes first so it is frozen before
the app is built): every attempt happens at the same instant unless a check moves time on.
"""

from email.utils import parsedate_to_datetime

import jwt

from flaskcourse.checking import expect, fail, show_json
from flaskcourse.checking.expect import route_help

URL = "/v1/auth/token"
LIMIT = 5
PROBLEM_KEYS = ("type", "title", "status", "detail")
OTHER_IP = "10.0.0.2"

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
    """the right email and password get 200 with access_token, token_type "bearer" and expires_in 3600"""
    e = expect(client.post(URL, json=credentials)).status(200)
    e.json_includes({"token_type": "bearer", "expires_in": 3600})
    token = e.json_object().get("access_token")
    e.that(isinstance(token, str) and token != "", "a non-empty access_token string")


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
    """a body with only an email gives 422 listing just password"""
    response = client.post(URL, json={"email": credentials["email"]})
    body = problem(response, 422)
    expect(response).that(body.get("missing_fields") == ["password"],
                          '"missing_fields": ["password"] (the email was sent)')


def test_a_body_that_is_not_a_json_object_gives_422(client):
    """a body that is not a JSON object (plain text, broken JSON, a JSON list) gives 422 naming the fields"""
    attempts = [
        {"data": "email=ada@example.com", "content_type": "text/plain"},
        {"data": '{"email": "ada@example.com", ', "content_type": "application/json"},
        {"json": ["ada@example.com", "correct horse battery staple"]},
    ]
    for kwargs in attempts:
        response = client.post(URL, **kwargs)
        if response.status_code in (400, 415):
            expect(response).fail(
                "status 422", help="That is Flask's own answer from request.get_json() (or "
                "request.json). Read the body with request.get_json(silent=True), which gives "
                "None instead, and treat anything but a dict as a body with no fields.")
        problem(response, 422)
        expect(response).mentions("email", "password")


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


# ---------------------------------------------------------------------------- the limit


def test_sixth_attempt_in_a_minute_gives_429(clock, client, wrong_password):
    """five attempts a minute from one IP are answered; the sixth gets 429"""
    use_up_the_limit(client, wrong_password)
    problem(sixth_attempt_is_refused(client, wrong_password, precondition=False), 429,
            after=[FIVE_WRONG])


def test_429_carries_retry_after(clock, client, wrong_password):
    """the 429 has a Retry-After header saying how many seconds to wait (1 to 60)"""
    use_up_the_limit(client, wrong_password)
    response = sixth_attempt_is_refused(client, wrong_password)
    e = expect(response, after=[FIVE_WRONG]).header("Retry-After")
    value = response.headers["Retry-After"]
    seconds = retry_after_seconds(value, clock.now())
    e.that(seconds is not None and 1 <= seconds <= 60,
           "Retry-After as a whole number of seconds between 1 and 60",
           got=f"Retry-After: {value}",
           help="Send the seconds until the oldest counted attempt leaves the window, e.g. \"60\".")


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
    """a made-up X-Forwarded-For header does not get around the limit"""
    use_up_the_limit(client, wrong_password)
    sixth_attempt_is_refused(client, wrong_password)
    response = client.post(URL, json=wrong_password, headers={"X-Forwarded-For": "203.0.113.7"})
    expect(response, after=[FIVE_WRONG, SIXTH_REFUSED]).that(
        response.status_code == 429,
        "status 429: the same client is still limited whatever X-Forwarded-For says",
        help="Any client can write any X-Forwarded-For header, so a limit keyed on it is a limit "
             "an attacker picks. Use request.remote_addr; behind a proxy you run, let ProxyFix "
             "set it.",
    )


def test_the_limit_lifts_after_a_minute(clock, client, credentials, wrong_password):
    """a minute later the same IP can log in again"""
    use_up_the_limit(client, wrong_password)
    sixth_attempt_is_refused(client, wrong_password)
    clock.advance(61)
    response = client.post(URL, json=credentials)
    expect(response, after=[FIVE_WRONG, SIXTH_REFUSED, "61 seconds pass"]).that(
        response.status_code == 200,
        "status 200 for the right password 61 seconds after the limit was hit",
        help="Forget attempts older than the window (60 seconds) before counting.",
    )


# ---------------------------------------------------------------------------- structure


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
