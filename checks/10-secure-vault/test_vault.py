"""Lesson 10: a document vault behind JWT bearer tokens, scopes and clearance levels.

Tokens the checks forge start from a real token of the learner's app (its claims decoded without
verification), so a forged token differs from an accepted one in one way only: expired, unsigned,
or signed with another key.
"""

import base64
import inspect
import json
import re
import sys
import time
import types
import warnings
from collections.abc import Mapping

import bcrypt
import jwt
from flask import Flask

from flaskcourse.checking import expect, fail, show_json
from flaskcourse.checking.learner import is_learner_file
from flaskcourse.checking.payloads import bad_bodies, bad_fields
from flaskcourse.checking.spy import spy_on

WRONG_KEY = "not-the-app-key-but-just-as-long-0123456789"
HASH_PREFIXES = re.compile(r"\$2[abxy]?\$\d\d\$|scrypt:|pbkdf2:|\$argon2")
BCRYPT_COST = re.compile(rb"^\$2[abxy]?\$(\d\d)\$")
ROUNDS = 4   # the conftest's BCRYPT_ROUNDS
# A password of exactly 72 bytes in UTF-8 (6 + 33 * 2): the most bcrypt reads.
CAROL = {"password": "carol-" + "é" * 33, "scopes": ["documents:read"], "clearance": 1}
# The one error message the lesson fixes word for word: every bad login answers it.
BAD_LOGIN = "Invalid username or password."

# ---------------------------------------------------------------------------------- helpers


def login(client, users, username):
    """Log a configured user in; return the access token (failing clearly if login is broken)."""
    __tracebackhide__ = True
    body = {"username": username, "password": users[username]["password"]}
    e = expect(client.post("/token", json=body)).status(
        200, help="This check needs a working login first: POST /token with the right username "
                  "and password must answer 200.")
    token = e.json_object().get("access_token")
    e.that(isinstance(token, str) and token.count(".") == 2,
           "an access_token that is a JWT (three base64url parts joined by dots)",
           help="Make it with jwt.encode(claims, key, algorithm=\"HS256\"), which returns a str.")
    return token


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


def b64url(data):
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def real_claims(client, users):
    """The claims of a genuine token for alice, as the learner's app writes them."""
    __tracebackhide__ = True
    token = login(client, users, "alice")
    return token, jwt.decode(token, options={"verify_signature": False})


def genuine_request_works(client, token):
    """GET /documents with a genuine token answers 200: the ground a rejection check stands on."""
    __tracebackhide__ = True
    expect(client.get("/documents", headers=bearer(token))).status(
        200, help="This check needs GET /documents to work with a genuine token from POST /token "
                  "first (alice has the documents:read scope).")


def rejected(response, status, expected_why, help=None):
    """An error status with a JSON body."""
    __tracebackhide__ = True
    e = expect(response)
    if response.status_code != status:
        e.fail(f"status {status}: {expected_why}", help=help)
    e.json_error(status)
    return e


def documents_in(response):
    """The documents of a GET /documents answer: a JSON list, or an object holding one list."""
    __tracebackhide__ = True
    e = expect(response).status(200)
    body = e.json()
    if isinstance(body, dict):
        lists = [v for v in body.values() if isinstance(v, list)]
        body = lists[0] if len(lists) == 1 else body
    if not isinstance(body, list) or not all(isinstance(d, dict) for d in body):
        e.fail('a JSON list of document objects, or an object holding one such list '
               '(like {"documents": [...]})')
    return [d.get("title") for d in body]


def create(client, token, title, level):
    """POST /documents; the answer must be 201 (a precondition for the check that calls it)."""
    __tracebackhide__ = True
    body = {"title": title, "content": f"content of {title}", "secret_level": level}
    response = client.post("/documents", json=body, headers=bearer(token))
    expect(response).status(201, help="This check files documents first: POST /documents within "
                                      "the caller's clearance must answer 201.")
    return response


def json_keys(value):
    if isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from json_keys(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_keys(item)


# ---------------------------------------------------------------------------------- logging in


def test_good_login_gets_a_bearer_token(client, users):
    """the right username and password get 200 with access_token and token_type "bearer" """
    body = {"username": "alice", "password": users["alice"]["password"]}
    e = expect(client.post("/token", json=body)).status(200)
    e.json_includes({"token_type": "bearer"})
    token = e.json_object().get("access_token")
    e.that(isinstance(token, str) and token != "", "a non-empty access_token string")


def test_token_is_signed_with_the_app_key_and_carries_the_claims(app, client, users):
    """the token is an HS256 JWT signed with the app's SECRET_KEY, with sub, scopes, clearance and exp"""
    response = client.post("/token", json={"username": "alice",
                                           "password": users["alice"]["password"]})
    e = expect(response).status(200)
    token = e.json_object().get("access_token")
    e.that(isinstance(token, str) and token.count(".") == 2,
           "an access_token that is a JWT (three base64url parts joined by dots)")
    header = jwt.get_unverified_header(token)
    e.that(header.get("alg") == "HS256", "a token signed with HS256",
           got=f"a token whose header says {show_json(header)}")
    try:
        claims = jwt.decode(token, app.config["SECRET_KEY"], algorithms=["HS256"],
                            options={"require": ["sub", "exp"]})
    except jwt.InvalidSignatureError:
        e.fail("a token whose signature checks out with app.config['SECRET_KEY']",
               got="a token signed with some other key",
               help="Sign with current_app.config[\"SECRET_KEY\"], read inside the view.")
    except jwt.PyJWTError as exc:
        e.fail("a token that decodes with the app's SECRET_KEY and carries sub and exp claims",
               got=f"PyJWT refused it: {exc} (claims: "
                   f"{show_json(jwt.decode(token, options={'verify_signature': False}))})",
               help="exp is an absolute Unix time: int(time.time()) + lifetime.")
    want = {"sub": "alice", "scopes": sorted(users["alice"]["scopes"]), "clearance": 2}
    got = {"sub": claims.get("sub"), "clearance": claims.get("clearance"),
           "scopes": sorted(claims["scopes"]) if isinstance(claims.get("scopes"), list)
           else claims.get("scopes")}
    e.that(got == want and type(claims.get("clearance")) is int,
           f"claims including {show_json(want)} (scopes a list, clearance a whole number)",
           got=f"claims {show_json(claims)}")
    lifetime = claims["exp"] - time.time()
    e.that(lifetime <= 24 * 3600,
           "a token that expires within a day (an access token is short-lived)",
           got=f"exp is {lifetime / 3600:.0f} hours away")


def test_wrong_password_gives_401(client, users):
    """a wrong password gives 401 with {"error": "Invalid username or password."}"""
    response = client.post("/token", json={"username": "alice", "password": "guess-123"})
    e = rejected(response, 401, "the password is wrong")
    body = response.get_json()
    e.that(body.get("error") == BAD_LOGIN,
           f"a body whose error is exactly {show_json(BAD_LOGIN)}",
           got=f"the body {show_json(body)}",
           help="The lesson fixes this one message word for word, full stop included, under the "
                "key error (other keys beside it are yours).")


def test_unknown_user_looks_like_a_wrong_password(client, users):
    """an unknown username gets exactly the same 401 as a wrong password"""
    wrong = client.post("/token", json={"username": "alice", "password": "guess-123"})
    rejected(wrong, 401, "the password is wrong")
    unknown = client.post("/token", json={"username": "mallory", "password": "guess-123"})
    rejected(unknown, 401, "there is no such user")
    expect(unknown, after=[wrong]).that(
        unknown.get_json() == wrong.get_json(),
        "the very same body as for a wrong password",
        got=f"for the unknown user: {show_json(unknown.get_json())}\n"
            f"for a wrong password: {show_json(wrong.get_json())}",
        help="Any difference tells an attacker which usernames exist (user enumeration).")


def test_login_without_credentials_gives_400(client, users):
    """a login without a username and a password (or without a JSON object) gives 400 as JSON"""
    base = {"username": "alice", "password": users["alice"]["password"]}
    cases = list(bad_bodies(base))
    cases += [(label, kwargs) for label, kwargs in bad_fields(base, "username",
                                                              kinds=("missing", "not_a_string"))]
    cases.append(("username is an empty string", {"json": {**base, "username": ""}}))
    cases += [(label, kwargs) for label, kwargs in bad_fields(base, "password",
                                                              kinds=("missing", "not_a_string"))]
    for label, kwargs in cases:
        response = client.post("/token", **kwargs)
        e = expect(response)
        e.request = f"{e.request}   ({label})"
        e.status(400, help="Check the body before looking anyone up: a JSON object with a "
                           "non-empty string username and a string password, else 400.")
        e.json_error(400)


def test_long_password_is_a_wrong_password(make_app, users):
    """a login password longer than 72 bytes is a wrong password: 401, never a 500"""
    client = make_app(USERS={**users, "carol": dict(CAROL)}).test_client()
    attempts = [("alice", "a" * 100, "100 ASCII characters"),
                ("alice", "é" * 40, '40 "é", 80 bytes'),
                ("alice", "é" * 37, '37 "é", 74 bytes in 37 characters'),
                ("mallory", "é" * 37, 'an unknown user, 37 "é"'),
                ("carol", CAROL["password"] + "x",
                 "carol's 72-byte password with one more byte: not her password")]
    for username, password, label in attempts:
        response = client.post("/token", json={"username": username, "password": password})
        e = expect(response)
        e.request = f"{e.request}   (password: {label})"
        rejected(response, 401, "a password over 72 bytes is simply wrong",
                 help="bcrypt reads 72 bytes at most (and bcrypt 5 raises ValueError beyond). "
                      "Measure the UTF-8 bytes, len(password.encode(\"utf-8\")) > 72, and treat "
                      "a longer one as wrong; never cut it to 72 bytes.")


def test_password_of_72_bytes_logs_in(make_app, users):
    """a configured password of exactly 72 bytes logs in"""
    client = make_app(USERS={**users, "carol": dict(CAROL)}).test_client()
    response = client.post("/token", json={"username": "carol", "password": CAROL["password"]})
    expect(response).status(200, help="72 bytes is the most bcrypt reads, and still allowed: "
                                      "refuse only passwords longer than 72 bytes.")


def _cost(hashed):
    if isinstance(hashed, str):
        hashed = hashed.encode()
    found = BCRYPT_COST.match(hashed) if isinstance(hashed, bytes) else None
    return int(found.group(1)) if found else None


def _hashed_arg(call):
    return call.args[1] if len(call.args) > 1 else call.kwargs.get("hashed_password")


def test_unknown_user_checks_a_decoy_hash(make_app, users):
    """an unknown username costs one bcrypt check against a decoy made at startup, like a wrong password"""
    with spy_on(bcrypt, "checkpw") as checkpw, spy_on(bcrypt, "hashpw") as hashpw:
        client = make_app().test_client()
        said = {}
        for who, username in (("a wrong password", "alice"), ("an unknown user", "mallory")):
            checkpw.reset()
            hashpw.reset()
            response = client.post("/token", json={"username": username, "password": "guess-123"})
            e = expect(response)
            e.status(401)
            hashpw.expect_calls(0, request=e.request,
                                why="The decoy hash is made once, at startup; hashing during the "
                                    "request makes an unknown user take longer than a known one.")
            checkpw.expect_calls(1, 10**9, request=e.request,
                                 why="Check the password against a hash for an unknown user too "
                                     "(a decoy made at startup), so both failures take as long. "
                                     "This check looked inside: it counts bcrypt.checkpw calls.")
            said[who] = (e, checkpw.count, sorted({_cost(_hashed_arg(c)) for c in checkpw.calls},
                                                  key=str))
    (_, wrong_n, wrong_cost), (e, unknown_n, unknown_cost) = said.values()
    e.that(unknown_n == wrong_n and unknown_cost == wrong_cost,
           f"the same bcrypt work as for a wrong password: {wrong_n} bcrypt.checkpw call(s) "
           f"at cost {wrong_cost}",
           got=f"{unknown_n} call(s) at cost {unknown_cost}",
           help="Make the decoy with the same BCRYPT_ROUNDS as the users' hashes: a decoy at "
                "another cost takes another time, and the time tells who has an account. "
                "This check looked inside: it spied on bcrypt.checkpw.")


def test_every_hash_uses_bcrypt_rounds(make_app, users):
    """every bcrypt hash the app makes at startup uses the cost in BCRYPT_ROUNDS"""
    with spy_on(bcrypt, "hashpw") as hashpw:
        make_app()
    request = f"create_app(config) with BCRYPT_ROUNDS = {ROUNDS} and {len(users)} USERS"
    hashpw.expect_calls(len(users), 10**9, request=request,
                        why="Hash each configured password once, at startup, with bcrypt.hashpw. "
                            "This check looked inside: it counted bcrypt.hashpw calls.")
    costs = [_cost(c.args[1] if len(c.args) > 1 else c.kwargs.get("salt")) for c in hashpw.calls]
    if any(cost != ROUNDS for cost in costs):
        fail(f"every bcrypt.hashpw call with a salt of cost {ROUNDS} (BCRYPT_ROUNDS)",
             got=f"salts of cost {', '.join(str(c) for c in costs)}", request=request,
             help="Pass the setting on: bcrypt.gensalt(current_app.config[\"BCRYPT_ROUNDS\"]), "
                  "for the users' hashes and the decoy alike. This check looked inside: it spied "
                  "on bcrypt.hashpw.")


def test_each_app_keeps_its_own_users(make_app, users):
    """two apps built with different USERS each know only their own users"""
    dave = {"password": "dave-only-in-the-second-app", "scopes": ["documents:read"],
            "clearance": 1}
    first = make_app().test_client()
    second = make_app(reimport=False, USERS={"dave": dave}).test_client()
    said = "(two apps built in one process: the first with the checks' users, the second with only dave)"
    for client, name, password, status in (
            (first, "alice", users["alice"]["password"], 200),
            (second, "dave", dave["password"], 200),
            (second, "alice", users["alice"]["password"], 401),
            (first, "dave", dave["password"], 401)):
        response = client.post("/token", json={"username": name, "password": password})
        e = expect(response)
        e.request = f"{e.request}   {said}"
        e.status(status, help="Build the user store inside create_app, from that app's own "
                              "config, and keep it on the app (app.extensions), not in a module "
                              "global shared by every app.")


def test_each_app_keeps_its_own_documents(make_app, users):
    """two apps built one after the other each keep their own documents"""
    first = make_app().test_client()
    filed = create(first, login(first, users, "root"), "Only in the first app 2b6", 1)
    second = make_app(reimport=False).test_client()
    listing = second.get("/documents", headers=bearer(login(second, users, "root")))
    titles = documents_in(listing)
    e = expect(listing, after=[filed])
    e.request = (f"{e.request}   (two apps built in one process without DOCUMENTS in their "
                 "config: the POST went to the first, the GET to the second)")
    e.that("Only in the first app 2b6" not in titles,
           "no document of the first app listed by the second",
           got=f"titles {show_json(titles)}",
           help="Copy the configured DOCUMENTS into each app's own store (app.extensions) in "
                "create_app, and file new documents there: the default list in the config is "
                "one object, shared by every app built in the process.")


def test_secret_key_is_read_inside_each_request(app, client, users):
    """after SECRET_KEY changes in app.config, new tokens are signed and checked with the new key"""
    new_key = "a-second-key-set-after-create-app-0123456789"
    app.config["SECRET_KEY"] = new_key
    said = "(after create_app() returned, the check put a new SECRET_KEY in app.config)"
    response = client.post("/token", json={"username": "alice",
                                           "password": users["alice"]["password"]})
    e = expect(response)
    e.request = f"{e.request}   {said}"
    e.status(200)
    token = e.json_object().get("access_token")
    e.that(isinstance(token, str) and token.count(".") == 2,
           "an access_token that is a JWT (three base64url parts joined by dots)")
    try:
        jwt.decode(token, new_key, algorithms=["HS256"])
    except jwt.InvalidSignatureError:
        e.fail("a token signed with the SECRET_KEY now in app.config",
               got="a token signed with another key (the one the app had at startup?)",
               help="Read current_app.config[\"SECRET_KEY\"] inside the request, each time you "
                    "sign, rather than a copy kept since create_app.")
    except jwt.PyJWTError:
        pass   # the other claims are test_token_is_signed_with_the_app_key_and_carries_the_claims'
    listing = client.get("/documents", headers=bearer(token))
    e = expect(listing, after=[response])
    e.request = f"{e.request}   {said}"
    e.status(200, help="A fresh token signed with the new key must be accepted: verify with "
                       "current_app.config[\"SECRET_KEY\"], read inside the request, too.")


# ----------------------------------------------------------------------------- bad tokens


def test_missing_authorization_gives_401(client, users):
    """a request without an Authorization header gets 401"""
    rejected(client.get("/documents"), 401, "no token was sent",
             help="Read request.headers.get(\"Authorization\") in the decorator and refuse when "
                  "it is missing, before the view runs.")


def test_garbled_token_gives_401(client, users):
    """a malformed Authorization header or a token that is not a JWT gets 401, not a 500"""
    for header in ("Bearer", "Bearer not-a-jwt", "Bearer abc.def.ghi", "Basic YWxpY2U6cHc="):
        rejected(client.get("/documents", headers={"Authorization": header}), 401,
                 "the header does not carry a valid bearer token",
                 help="Check the scheme is Bearer and a token follows it; catch "
                      "jwt.InvalidTokenError, the parent of every PyJWT complaint.")


def test_token_under_another_scheme_gives_401(client, users):
    """a genuine token sent under another scheme than Bearer (Token, Basic, JWT) gets 401"""
    token, _ = real_claims(client, users)
    genuine_request_works(client, token)
    for scheme in ("Token", "Basic", "JWT", "Bearerx"):
        rejected(client.get("/documents", headers={"Authorization": f"{scheme} {token}"}), 401,
                 f"the scheme is {scheme}, and it must be Bearer",
                 help="Check the scheme before the token: `Authorization: Bearer <token>`.")


def test_expired_token_gives_401(app, client, users):
    """a correctly signed token whose exp has passed gets 401"""
    token, claims = real_claims(client, users)
    genuine_request_works(client, token)
    past = int(time.time()) - 600
    claims = {**claims, "exp": past}
    for claim in ("iat", "nbf"):
        if claim in claims:
            claims[claim] = past - 1800
    expired = jwt.encode(claims, app.config["SECRET_KEY"], algorithm="HS256")
    response = client.get("/documents", headers=bearer(expired))
    expect(response).that(response.status_code == 401,
                          "status 401 for a token that expired ten minutes ago",
                          help="Never pass options={\"verify_exp\": False}; let jwt.decode raise "
                               "ExpiredSignatureError and answer 401.")
    rejected(response, 401, "the token expired")


def test_unsigned_alg_none_token_gives_401(client, users):
    """a token with "alg": "none" and no signature gets 401"""
    token, claims = real_claims(client, users)
    genuine_request_works(client, token)
    unsigned = f"{b64url({'alg': 'none', 'typ': 'JWT'})}.{b64url(claims)}."
    rejected(client.get("/documents", headers=bearer(unsigned)), 401,
             "an unsigned token proves nothing, whoever wrote its claims",
             help="Decode with algorithms=[\"HS256\"] and the signature checked: never "
                  "options={\"verify_signature\": False}, never \"none\" in the list.")


def test_token_signed_with_another_key_gives_401(client, users):
    """a token signed with a key other than the app's gets 401"""
    token, claims = real_claims(client, users)
    genuine_request_works(client, token)
    forged = jwt.encode(claims, WRONG_KEY, algorithm="HS256")
    rejected(client.get("/documents", headers=bearer(forged)), 401,
             "anyone can sign a token with their own key",
             help="Verify the signature with current_app.config[\"SECRET_KEY\"].")


def test_token_with_another_hmac_algorithm_gives_401(app, client, users):
    """the same claims signed with the app's key but with HS384 or HS512 get 401: HS256 is pinned"""
    token, claims = real_claims(client, users)
    genuine_request_works(client, token)
    for algorithm in ("HS384", "HS512"):
        with warnings.catch_warnings():   # PyJWT warns that the key is short for HS384/HS512
            warnings.simplefilter("ignore")
            other = jwt.encode(claims, app.config["SECRET_KEY"], algorithm=algorithm)
        rejected(client.get("/documents", headers=bearer(other)), 401,
                     f"a token whose header says {algorithm}: the verifier, not the token, "
                     "chooses the algorithm",
                     help='Decode with algorithms=["HS256"], one entry.')


def test_token_401s_carry_www_authenticate_bearer(app, client, users):
    """every 401 of a protected route carries a WWW-Authenticate: Bearer header"""
    token, claims = real_claims(client, users)
    genuine_request_works(client, token)
    past = int(time.time()) - 600
    expired = jwt.encode({**claims, "exp": past, **({"iat": past - 1800} if "iat" in claims else {})},
                         app.config["SECRET_KEY"], algorithm="HS256")
    cases = [("no Authorization header", {}),
             ("a bare Bearer", {"Authorization": "Bearer"}),
             ("a token that is not a JWT", bearer("not-a-jwt")),
             ("an expired token", bearer(expired)),
             ("a token signed with another key",
              bearer(jwt.encode(claims, WRONG_KEY, algorithm="HS256")))]
    for label, headers in cases:
        response = client.get("/documents", headers=headers)
        e = rejected(response, 401, label)
        value = response.headers.get("WWW-Authenticate", "")
        e.that(value.lower().startswith("bearer"),
               f"a WWW-Authenticate header starting with Bearer ({label})",
               got=f"WWW-Authenticate: {value}" if value else "no WWW-Authenticate header",
               help="RFC 6750: every 401 tells the client which credentials would work. Set "
                    "the header in the one place that builds your 401s.")


# -------------------------------------------------------------------- scopes and clearance


def test_missing_scope_gives_403(client, users):
    """a valid token without the needed scope gets 403, not 401"""
    scope_help = ("The token is valid, so the caller is known (not 401): they may not do this, "
                  "which is 403 Forbidden. Check the scope in the decorator.")
    bob = login(client, users, "bob")      # documents:read only
    response = client.post("/documents", headers=bearer(bob),
                           json={"title": "Bob's note", "content": "hi", "secret_level": 0})
    rejected(response, 403, "bob's token lacks the documents:write scope", help=scope_help)
    alice = login(client, users, "alice")  # documents:read and documents:write, no admin
    rejected(client.get("/admin/users", headers=bearer(alice)), 403,
             "alice's token lacks the admin scope", help=scope_help)


def test_documents_list_hides_documents_above_clearance(client, users):
    """GET /documents lists only documents at or below the caller's clearance"""
    root = login(client, users, "root")
    low = create(client, root, "Low memo 7f3", 1)
    high = create(client, root, "High memo 7f3", 4)
    bob = login(client, users, "bob")      # clearance 1
    response = client.get("/documents", headers=bearer(bob))
    titles = documents_in(response)
    e = expect(response, after=[low, high])
    e.that("Low memo 7f3" in titles, "the secret_level 1 document listed for bob (clearance 1)",
           got=f"titles {show_json(titles)}")
    e.that("High memo 7f3" not in titles,
           "no secret_level 4 document for bob, whose clearance is 1",
           got=f"titles {show_json(titles)}",
           help="Filter on secret_level <= the clearance of the token's user, on the server.")


def test_creating_above_own_clearance_gives_403(client, users):
    """POST /documents with a secret_level above the caller's clearance gets 403 and stores nothing"""
    alice = login(client, users, "alice")  # clearance 2
    response = client.post("/documents", headers=bearer(alice),
                           json={"title": "Too secret 9c1", "content": "x", "secret_level": 3})
    rejected(response, 403, "alice's clearance is 2 and the document's secret_level is 3",
             help="Compare secret_level with the caller's clearance before storing anything.")
    root = login(client, users, "root")
    listing = client.get("/documents", headers=bearer(root))
    titles = documents_in(listing)
    expect(listing, after=[response]).that("Too secret 9c1" not in titles,
                                           "the refused document not stored",
                                           got=f"titles {show_json(titles)}")


def test_creating_within_clearance_gives_201(client, users):
    """POST /documents at the caller's own clearance gets 201 and the document is then listed"""
    alice = login(client, users, "alice")  # clearance 2
    body = {"title": "Within reach 4d2", "content": "fine", "secret_level": 2}
    response = client.post("/documents", headers=bearer(alice), json=body)
    e = expect(response).status(201)
    e.that(e.json_object().get("title") == body["title"], "the created document in the body")
    listing = client.get("/documents", headers=bearer(alice))
    titles = documents_in(listing)
    expect(listing, after=[response]).that("Within reach 4d2" in titles,
                                           "the new document listed for alice",
                                           got=f"titles {show_json(titles)}")


def test_invalid_document_gives_400(client, users):
    """POST /documents with a bad body, title, content or secret_level gives 400 and stores nothing"""
    alice = login(client, users, "alice")  # documents:write, clearance 2
    root = login(client, users, "root")
    before = documents_in(client.get("/documents", headers=bearer(root)))
    base = {"title": "Bad memo 5e8", "content": "text", "secret_level": 1}
    cases = list(bad_bodies(base))
    for field in ("title", "content"):
        cases += list(bad_fields(base, field))
    for label, value in (("missing", None), ("-1", -1), ("-5", -5), ('the text "1"', "1"),
                         ("1.5", 1.5), ("true", True), ("false", False), ("null", "null"),
                         ("a list", [1]), ("an object", {"level": 1})):
        body = {k: v for k, v in base.items() if k != "secret_level"}
        if value is not None:
            body["secret_level"] = None if value == "null" else value
        cases.append((f"secret_level is {label}", {"json": body}))
    for label, kwargs in cases:
        response = client.post("/documents", headers=bearer(alice), **kwargs)
        e = expect(response)
        e.request = f"{e.request}   ({label})"
        e.status(400, help="Check the body after the scope: a JSON object, title and content "
                           "non-empty strings, secret_level an int (not a bool) of 0 or more.")
        e.json_error(400)
    listing = client.get("/documents", headers=bearer(root))
    after = documents_in(listing)
    expect(listing).that(after == before, "no document stored by a refused request",
                         got=f"titles {show_json(after)} (before: {show_json(before)})")


def test_public_document_at_level_0_is_filed(client, users):
    """POST /documents with secret_level 0 (public) gets 201"""
    alice = login(client, users, "alice")
    response = client.post("/documents", headers=bearer(alice),
                           json={"title": "Public note 0a1", "content": "for all", "secret_level": 0})
    expect(response).status(201, help="secret_level 0 is the lowest valid level: refuse only "
                                      "levels below 0.")


def test_unknown_path_and_wrong_method_answer_json(client, users):
    """a 404 for an unknown path and a 405 for a wrong method are JSON too"""
    expect(client.get("/no-such-page")).json_error(404)
    expect(client.delete("/documents")).json_error(405)
    expect(client.get("/token")).json_error(405)


# ---------------------------------------------------------------------------------- admin


def test_admin_can_list_users(client, users):
    """an admin token gets 200 from GET /admin/users naming every user"""
    root = login(client, users, "root")
    e = expect(client.get("/admin/users", headers=bearer(root))).status(200)
    e.json()
    for name in users:
        e.names(name, f"the user list naming {name!r}")


def test_admin_user_list_has_no_passwords_or_hashes(client, users):
    """the admin user list contains no password, plaintext or hashed"""
    root = login(client, users, "root")
    response = client.get("/admin/users", headers=bearer(root))
    e = expect(response).status(200)
    body = e.json()
    e.lacks(*(user["password"] for user in users.values()))
    leaky = sorted({k for k in json_keys(body) if "password" in k.lower() or "hash" in k.lower()})
    e.that(not leaky, "no password or hash fields in the user list",
           got=f"the fields {', '.join(leaky)} in {show_json(body)[:300]}",
           help="Build each entry field by field (username, scopes, clearance); returning the "
                "stored user records sends their hashes too.")
    found = HASH_PREFIXES.search(e.body_text())
    e.that(found is None, "no password hashes in the user list",
           got=f"something shaped like a password hash ({found and found.group()}…) in the body",
           help="A hash lets anyone who reads it guess passwords offline, at their own pace.")


# ------------------------------------------------------------------------- what is stored


def _is_learner_object(value):
    module = sys.modules.get(type(value).__module__)
    filename = getattr(module, "__file__", None)
    return bool(filename) and is_learner_file(filename)


def _find(value, needles, path, seen, depth=0):
    """Where in this object graph a needle (a plaintext password) occurs, or None."""
    if isinstance(value, (str, bytes, bytearray)):
        text = value if isinstance(value, str) else bytes(value).decode("latin-1")
        return path if any(n in text for n in needles) else None
    if depth > 10 or id(value) in seen or isinstance(value, (types.ModuleType, Flask)):
        return None
    seen.add(id(value))
    children = []
    if isinstance(value, Mapping):
        for key, item in list(value.items()):
            children += [(key, f"{path} (a key)"), (item, f"{path}[{key!r}]")]
    elif isinstance(value, (list, tuple, set, frozenset)) or type(value).__name__ == "deque":
        children = [(item, f"{path}[{i}]") for i, item in enumerate(value)]
    elif isinstance(value, types.FunctionType):
        if not is_learner_file(value.__code__.co_filename):
            return None
        cells = value.__closure__ or ()
        for name, cell in zip(value.__code__.co_freevars, cells):
            try:
                children.append((cell.cell_contents, f"{path} (closure variable {name})"))
            except ValueError:
                pass
        if hasattr(value, "__wrapped__"):
            children.append((value.__wrapped__, f"{path}.__wrapped__"))
    elif isinstance(value, type):
        if _is_learner_object(value) or (inspect.getmodule(value) and is_learner_file(
                getattr(inspect.getmodule(value), "__file__", "") or "")):
            children = [(v, f"{path}.{k}") for k, v in vars(value).items() if not k.startswith("__")]
    elif isinstance(value, types.SimpleNamespace) or _is_learner_object(value):
        children = [(v, f"{path}.{k}") for k, v in getattr(value, "__dict__", {}).items()]
    for child, where in children:
        found = _find(child, needles, where, seen, depth + 1)
        if found:
            return found
    return None


def test_no_plaintext_password_is_kept(make_app, users):
    """the app keeps only password hashes: no plaintext password in its state after startup"""
    passwords = [user["password"] for user in users.values()]
    app = make_app()
    client = app.test_client()
    # 1. After startup the plaintext in app.config is no longer needed: change it, and logging in
    #    with the original password must still work (the app checks against its own hashes).
    app.config["USERS"] = {name: {**user, "password": "changed-after-startup"}
                           for name, user in users.items()}
    body = {"username": "alice", "password": users["alice"]["password"]}
    response = client.post("/token", json=body)
    if response.status_code != 200:
        fresh = make_app().test_client().post("/token", json=body)
        expect(fresh).status(200, help="This check needs a working login first.")
        expect(response).fail(
            "status 200: login checks the password against the hashes made at startup",
            help="This check changed app.config[\"USERS\"] after create_app() returned, and then "
                 "alice's real password stopped working: your app still reads the plaintext from "
                 "the config at request time. Hash every password once in create_app, keep the "
                 "hashes (e.g. in app.extensions), and compare with bcrypt.checkpw.")
    # 2. Look through what the app keeps. Storage cannot be seen over HTTP, so this reads the
    #    app's own objects. app.config["USERS"] itself is skipped: that is the input the checks
    #    passed in (and put back after create_app), not the app's store.
    roots = [
        (app.extensions, "app.extensions"),
        ({k: v for k, v in app.config.items() if k != "USERS"}, "app.config"),
        ({k: v for k, v in vars(app).items() if k not in vars(Flask("probe"))}, "app"),
        (app.view_functions, "app.view_functions"),
    ]
    for module in list(sys.modules.values()):
        filename = getattr(module, "__file__", None)
        if filename and is_learner_file(filename):
            roots.append(({k: v for k, v in vars(module).items() if not k.startswith("__")},
                          f"module {module.__name__}"))
    seen = set()
    for root, name in roots:
        where = _find(root, passwords, name, seen)
        if where:
            fail("no plaintext password anywhere in the app's state after create_app()",
                 got=f"a configured user's plaintext password in {where}",
                 request="create_app(config) with USERS, then a look through the app's objects "
                         "(app.extensions, app.config, module globals) for the plaintext",
                 help="Storage cannot be seen over HTTP, so this check reads your app's state "
                      "directly. Keep only bcrypt.hashpw(...) of each password; anyone who "
                      "reads a leaked store then still does not know the passwords.")
