"""Lesson 11 — errors that explain themselves (reference solution).

    GET /divide?a=10&b=2   ->  200  {"result": 5.0}
    GET /divide?a=10       ->  400  {"error": "missing_parameter", "message": "...'b'...", "field": "b"}
    GET /divide?a=abc&b=2  ->  400  {"error": "invalid_integer", "message": "...'abc'...", "field": "a"}
    GET /divide?a=10&b=0   ->  422  {"error": "division_by_zero", "message": "...", "field": "b"}

Every error has the same three keys, so a client needs one piece of code to read them all.

Run it:  python app.py   or   flask --app app run
"""

from flask import Flask, request
from werkzeug.exceptions import HTTPException


class APIError(Exception):
    """An error the client caused, carrying everything its JSON body needs.

    Raising it (rather than returning a tuple) lets a helper such as int_param() stop the
    request from deep inside, the way abort() does, while one handler decides how every
    error looks on the wire.
    """

    def __init__(self, status, code, message, field=None):
        super().__init__(message)
        self.status = status    # the HTTP status: 400, 422, ...
        self.code = code        # short and stable, for programs: "missing_parameter"
        self.message = message  # a sentence for the human reading the response
        self.field = field      # which query parameter was wrong, if any

    def to_dict(self):
        # Always the same keys, even when a value is None: clients can rely on the shape.
        return {"error": self.code, "message": self.message, "field": self.field}


def int_param(name):
    """The query parameter `name` as an int, or an APIError that says what is wrong with it."""
    raw = request.args.get(name)  # None when absent; always a str when present
    # A blank value (?a=) is what an empty form field sends: treat it as missing.
    if raw is None or not raw.strip():
        raise APIError(400, "missing_parameter",
                       f"Query parameter '{name}' is required.", field=name)
    try:
        return int(raw)  # "abc", "2.5" and "1e3" all raise ValueError
    except ValueError:
        if raw.strip().lstrip("+-").isdecimal():
            # Only digits, yet int() refused: more than 4300 of them (Python's guard against
            # very slow conversions). A valid integer, just too big to work with.
            raise APIError(422, "number_too_large",
                           f"Query parameter '{name}' has too many digits.", name) from None
        # `from None` hides the ValueError: it is handled, not a bug to trace.
        raise APIError(400, "invalid_integer",
                       f"Query parameter '{name}' must be an integer, got {raw!r}.",
                       field=name) from None


def create_app(config=None):
    app = Flask(__name__)
    if config:
        app.config.update(config)

    @app.get("/divide")
    def divide():
        # Validate both inputs first. Only once they are known to be integers does it make
        # sense to ask whether the division itself is possible: ?a=abc&b=0 is a 400, not 422.
        a = int_param("a")
        b = int_param("b")
        if b == 0:
            # The request is well-formed and understood; the operation is impossible.
            # That is what 422 Unprocessable Content is for.
            raise APIError(422, "division_by_zero",
                           "Cannot divide by zero: 'b' must not be 0.", field="b")
        try:
            result = a / b  # true division: 7 / 2 is 3.5 (7 // 2 would be 3)
        except OverflowError:
            # ?a=1 followed by 400 zeros is a valid integer, but the quotient does not fit
            # in a float. Still the client's doing, still not a server bug.
            raise APIError(422, "result_too_large",
                           "The quotient is too large to represent.", field="a") from None
        return {"result": result}

    @app.errorhandler(APIError)
    def handle_api_error(error):
        # Returning (body, status) from a handler works just like returning it from a view.
        return error.to_dict(), error.status

    @app.errorhandler(HTTPException)
    def handle_http_exception(error):
        # 404 (unknown URL) and 405 (wrong method) are raised by Flask itself. Without this
        # handler they would be HTML pages; with it they share the shape of our own errors.
        return {
            "error": error.name.lower().replace(" ", "_"),
            "message": error.description,
            "field": None,
        }, error.code

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
