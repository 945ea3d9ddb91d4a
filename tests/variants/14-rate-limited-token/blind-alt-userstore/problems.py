"""Every error as an RFC 7807 "problem details" body: type, title, status, detail.

You built this idea in lesson 12. Views raise a `Problem`; one handler turns it into JSON.
Werkzeug's own HTTP errors (404, 405, and the 500 Flask makes from a crash) get the same shape,
so a client of this API only ever has to parse one kind of error.
"""

from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException

PROBLEM_TYPES = "https://flaskcourse.example/problems/"
PROBLEM_JSON = "application/problem+json"


class Problem(Exception):
    """An error the API means to send. Extra keyword arguments become extra body members."""

    status = 500
    title = "Internal Server Error"
    kind = "internal-error"

    def __init__(self, detail, *, headers=None, **extensions):
        super().__init__(detail)
        self.detail = detail
        self.headers = headers or {}
        # RFC 7807 allows "extension members": machine-readable extras such as missing_fields.
        self.extensions = extensions


class ValidationFailed(Problem):
    status = 422
    title = "Validation Error"
    kind = "validation-error"


class InvalidCredentials(Problem):
    status = 401
    title = "Invalid Credentials"
    kind = "invalid-credentials"


class TooManyAttempts(Problem):
    status = 429
    title = "Too Many Requests"
    kind = "too-many-requests"


def problem_response(status, title, kind, detail, headers=None, **extensions):
    body = {"type": PROBLEM_TYPES + kind, "title": title, "status": status, "detail": detail}
    body.update(extensions)
    response = jsonify(body)
    response.status_code = status
    response.content_type = PROBLEM_JSON
    response.headers.update(headers or {})
    return response


def init_app(app: Flask) -> None:
    @app.errorhandler(Problem)
    def handle_problem(error: Problem):
        return problem_response(error.status, error.title, error.kind, error.detail,
                                error.headers, **error.extensions)

    # Not a handler for `Exception`: a crash still reaches Flask, which logs it and turns it
    # into an InternalServerError, and that HTTPException lands here with a safe description.
    @app.errorhandler(HTTPException)
    def handle_http_error(error: HTTPException):
        kind = error.name.lower().replace(" ", "-")
        # Keep the headers Werkzeug attached (Allow on a 405, Retry-After on a 429).
        headers = {k: v for k, v in error.get_headers() if k.lower() != "content-type"}
        return problem_response(error.code or 500, error.name, kind, error.description, headers)
