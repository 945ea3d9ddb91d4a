"""Hidden checks for lesson 11: GET /divide?a=&b= and errors that explain themselves.

The checks ask for behaviour, not for one way of writing it: abort() and an error handler,
returned tuples, a custom exception class, jsonify or a plain dict all pass. The error body's
keys are the learner's choice; the checks only require that every error uses the same ones.
"""

from __future__ import annotations


from flaskcourse.checking import expect, fail, same_shape, show_json
from flaskcourse.checking.expect import names_word

# One request for each way /divide can fail; the JSON and same-shape checks walk them all.
ERROR_REQUESTS = [
    "/divide?b=2",         # a is missing
    "/divide?a=10",        # b is missing
    "/divide",             # both are missing
    "/divide?a=abc&b=2",   # a is not an integer
    "/divide?a=10&b=2.5",  # b is not an integer
    "/divide?a=10&b=0",    # division by zero
]

# Input a careless view turns into a 500; each of these is the client's mistake (4xx).
AWKWARD_REQUESTS = [
    "/divide?a=abc&b=0",
    "/divide?a=2.5&b=0",
    "/divide?a=0&b=0",
    "/divide?a=&b=",
    "/divide?a=&b=2",
    "/divide?a=10&b=",
    "/divide?a=%20&b=2",
    "/divide?a=1e3&b=2",
    "/divide?a=10&b=two",
    "/divide?a=10&b=00",
    "/divide?a=10&b=-0",
]

# Valid integers too big to work with: the quotient overflows a float, or int() refuses the
# length (more than 4300 digits), in a or in b. The client's doing, not a bug: 400 or 422,
# never 500, and never a quotient read past the limit.
HUGE_REQUESTS = [
    ("a is 1 followed by 400 zeros (the quotient does not fit in a float)",
     "/divide?a=1" + "0" * 400 + "&b=3"),
    ("a has 5000 digits (more than int() reads by default)", "/divide?a=" + "7" * 5000 + "&b=3"),
    ("b has 5000 digits (more than int() reads by default)", "/divide?a=3&b=" + "7" * 5000),
]

# Quotients with no fractional part: `/` still gives a float, and so does the JSON.
WHOLE_QUOTIENTS = [(10, 2, 5.0), (-6, 3, -2.0), (0, 5, 0.0), (12, -4, -3.0)]

# Flask's own errors: no route, and a route that does not accept the method.
FLASK_ERRORS = [("GET", "/no-such-page", 404), ("POST", "/divide?a=10&b=2", 405)]

# Which parameter is at fault for each error of /divide, for a body with a `field` key.
FIELD_AT_FAULT = [
    ("/divide?b=2", "a"),
    ("/divide?a=10", "b"),
    ("/divide?a=abc&b=2", "a"),
    ("/divide?a=10&b=abc", "b"),
    ("/divide?a=10&b=2.5", "b"),
    ("/divide?a=10&b=0", "b"),
]

ZERO_HELP = ("a and b are both integers, so the request itself is fine; it asks for an "
             "impossible operation. That is 422 Unprocessable Content, not 400 Bad Request.")
ORDER_HELP = ("'abc' is not a number, so there is nothing to divide yet: check that a and b "
              "are integers first, and only then whether b is 0.")

def names_field(field: str) -> str:
    return (f"a body that names the parameter {field!r} as a word of its own, e.g. "
            f"\"Query parameter '{field}' is required.\" or {{\"field\": \"{field}\"}}")


def names_value(value: str) -> str:
    return (f"a body that names the value {value!r} the client sent, e.g. "
            f"\"must be an integer, got '{value}'\"")


def test_ten_divided_by_two_is_five(client):
    """a=10&b=2 answers 200 with {"result": 5.0}"""
    expect(client.get("/divide?a=10&b=2")).status(200).json_includes({"result": 5.0})


def test_division_is_exact_with_negatives(client):
    """other quotients are exact, negatives too: 7/2 is 3.5, -6/3 is -2.0"""
    for a, b, result in [(7, 2, 3.5), (-6, 3, -2.0), (9, -4, -2.25), (0, 5, 0.0),
                         (1, 3, 1 / 3), (-2, 3, -2 / 3), (10, 7, 10 / 7)]:
        expect(client.get(f"/divide?a={a}&b={b}")).status(200).json_includes({"result": result})


def test_whole_quotient_stays_a_float(client):
    """a whole quotient is still a float: 10/2 answers 5.0, not 5"""
    for a, b, result in WHOLE_QUOTIENTS:
        response = client.get(f"/divide?a={a}&b={b}")
        body = expect(response).status(200).json()
        value = body.get("result") if isinstance(body, dict) else None
        expect(response).that(
            isinstance(value, float) and value == result,
            f'"result": {result!r} (a JSON number written as a float)',
            got=response.get_data(as_text=True).strip(),
            help=("`/` always gives a float, 5.0 for 10/2 as 3.5 for 7/2: send it as it is. "
                  "Turning whole quotients into ints makes the type of result depend on "
                  "the numbers, and a client that reads it must then handle both."),
        )


def test_missing_a_gives_400_naming_a(client):
    """missing a gives 400 naming a"""
    response = client.get("/divide?b=2")
    expect(response).status(400).names("a", names_field("a"))


def test_missing_b_gives_400_naming_b(client):
    """missing b gives 400 naming b"""
    response = client.get("/divide?a=10")
    expect(response).status(400).names("b", names_field("b"))


def test_no_parameters_gives_400_naming_one(client):
    """no a and no b gives 400 naming what is missing"""
    response = client.get("/divide")
    expect(response).status(400).that(
        names_word(response.get_data(as_text=True), "a")
        or names_word(response.get_data(as_text=True), "b"),
        "a body that names a missing parameter ('a', 'b' or both)",
    )


def test_non_integer_a_gives_400_naming_the_value(client):
    """a=abc gives 400 naming the bad value abc"""
    response = client.get("/divide?a=abc&b=2")
    expect(response).status(400).names("abc", names_value("abc"))


def test_decimal_b_gives_400_naming_the_value(client):
    """b=2.5 gives 400 naming 2.5: only integers are accepted"""
    response = client.get("/divide?a=10&b=2.5")
    expect(response).status(400).names("2.5", names_value("2.5"))


def test_b_zero_gives_422(client):
    """b=0 gives 422 Unprocessable Content, not 400 or 500"""
    response = client.get("/divide?a=10&b=0")
    expect(response).status(422, help=ZERO_HELP if response.status_code == 400 else None)


def test_bad_value_is_reported_before_zero(client):
    """a=abc&b=0 gives 400: a bad value is reported before the zero check"""
    response = client.get("/divide?a=abc&b=0")
    expect(response).status(400, help=ORDER_HELP if response.status_code == 422 else None)


def test_every_error_is_json(client):
    """every error answers JSON, not an HTML page"""
    for path in ERROR_REQUESTS:
        expect(client.get(path)).json()


def test_flask_errors_are_json(client):
    """an unknown URL answers 404 and a wrong method 405, each as JSON"""
    for method, path, status in FLASK_ERRORS:
        expect(client.open(path, method=method)).json_error(status, help=(
            "Flask raises these itself, before any view of yours runs, so only an error handler "
            "can change them: @app.errorhandler(HTTPException) returning your JSON shape."))


def test_error_bodies_share_one_shape(client):
    """every error body has the same top-level keys, 404 and 405 included"""
    bodies = []
    requests = [("GET", path) for path in ERROR_REQUESTS]
    requests += [(method, path) for method, path, _ in FLASK_ERRORS]
    for method, path in requests:
        response = client.open(path, method=method)
        path = path if method == "GET" else f"{method} {path}"
        if response.status_code >= 400:  # a wrong 200 is the business of other checks
            bodies.append((path, expect(response).json_error(response.status_code)))
    for label, path in HUGE_REQUESTS:  # the rare errors too; a 500 there has its own check
        response = client.get(path)
        if 400 <= response.status_code < 500:
            bodies.append((f"GET /divide where {label}",
                           expect(response).json_error(response.status_code)))
    if not bodies:
        fail("error statuses (400 or 422) for bad input, so their bodies can be compared",
             got="every bad request was answered with a status below 400",
             request="GET /divide with each kind of bad input: " + ", ".join(ERROR_REQUESTS))
    if not same_shape(body for _, body in bodies):
        fail(
            "the same set of top-level keys in every error body",
            got="\n".join(f"{path if ' ' in path else 'GET ' + path} -> keys {', '.join(sorted(body)) or '(none)'}: "
                          f"{show_json(body)}" for path, body in bodies),
            request="GET /divide with each kind of bad input, an unknown URL and POST /divide "
                    "(listed below)",
            help="A client should read every error with one piece of code. Build all error "
                 "bodies in one place (a helper or an error handler) so the keys cannot drift.",
        )


def test_awkward_input_never_gives_500(client):
    """awkward input (blank values, b=0 with a bad a, 1e3) gives 400 or 422, never 500"""
    for path in AWKWARD_REQUESTS:
        expect(client.get(path)).status(400, 422)


def test_field_key_names_the_parameter_at_fault(client):
    """a `field` key, if your errors have one, names the parameter at fault (null for 404/405)"""
    cases = [("GET", path, name) for path, name in FIELD_AT_FAULT]
    cases += [(method, path, None) for method, path, _ in FLASK_ERRORS]
    for method, path, name in cases:
        response = client.open(path, method=method)
        if response.status_code < 400 or not response.is_json:
            continue  # statuses and JSON are the business of other checks
        body = response.get_json(silent=True)
        if not isinstance(body, dict) or "field" not in body:
            continue  # your own set of keys, without `field`: nothing to compare
        expect(response).that(
            body["field"] == name,
            f'"field": {show_json(name)}',
            got=f'"field": {show_json(body["field"])} in {show_json(body)}',
            help=("`field` says which parameter was at fault, so a client can mark it; "
                  "when no parameter is to blame, it is null." if name is None else
                  f"The client sent a bad or missing {name!r}: that is the field to name. "
                  "Set it from the parameter being read, not a fixed value."),
        )


def test_huge_integers_never_give_500(client):
    """a valid integer too big to work with (400 zeros, 5000 digits) gives 400 or 422, never 500"""
    for label, path in HUGE_REQUESTS:
        response = client.get(path)
        if response.status_code < 400:
            advice = (f"{label}: the contract refuses it with 400 or 422, not a quotient. Keep "
                      "int()'s limit of 4300 digits, for a and for b alike (do not lift it with "
                      "sys.set_int_max_str_digits), and answer its ValueError as a client error.")
        else:
            advice = (f"{label}: the request is the client's doing, not a bug in your code. "
                      "a / b raises OverflowError when the quotient does not fit in a float, and "
                      "int() raises ValueError for more than 4300 digits: answer them as client "
                      "errors.")
        expect(response).status(400, 422, help=advice)
