"""Every error this API sends is an RFC 7807 "problem details" document.

    HTTP/1.1 404 NOT FOUND
    Content-Type: application/problem+json

    {"type": "https://flaskcourse.example/problems/not-found", "title": "Not Found",
     "status": 404, "detail": "There is no widget with id 7."}

Three kinds of error reach the client, and each gets a handler below:

1. our own APIError family, raised by the views on purpose (404 for a missing widget, 422, 429);
2. Werkzeug's HTTPExceptions, raised by Flask itself (unknown URL, wrong method, broken JSON);
3. anything else: a bug. The client gets a bland 500; the traceback goes to the log, not the wire.
"""

from flask import Flask, jsonify, request
from werkzeug.exceptions import HTTPException

PROBLEM_JSON = "application/problem+json"
PROBLEM_TYPES = "https://flaskcourse.example/problems/"


class APIError(Exception):
    """An error the API sends on purpose. Subclasses fix the status, the title and the type.

    `detail` says what went wrong *this time* ("There is no widget with id 7"); the title says
    what kind of problem it is and never changes. Extra keyword arguments become extension
    members of the body (RFC 7807 allows them), e.g. errors={"price": "..."}.
    """

    status = 500
    title = "Internal Server Error"
    slug = "internal-error"

    def __init__(self, detail, *, headers=None, **extensions):
        super().__init__(detail)
        self.detail = detail
        self.headers = headers or {}
        self.extensions = extensions


class NotFound(APIError):
    status = 404
    title = "Not Found"
    slug = "not-found"


class ValidationError(APIError):
    # 422: the JSON parsed fine, but what it says is not acceptable (a negative price).
    # A body that does not even parse is a 400, and Flask raises that one for us.
    status = 422
    title = "Validation Failed"
    slug = "validation-failed"


class RateLimited(APIError):
    status = 429
    title = "Too Many Requests"
    slug = "rate-limited"


def problem(status, title, detail, type_="about:blank", headers=None, **extensions):
    """Build one problem-details response. Every error path goes through here, so the shape
    (and the content type) cannot drift from one handler to the next."""
    body = {"type": type_, "title": title, "status": status, "detail": detail, **extensions}
    response = jsonify(body)
    response.status_code = status
    # jsonify says application/json; RFC 7807 has its own media type, which tells a client
    # "this is an error document" before it reads a single byte of the body.
    response.content_type = PROBLEM_JSON
    response.headers.update(headers or {})
    return response


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(APIError)
    def handle_api_error(error):
        return problem(error.status, error.title, error.detail, PROBLEM_TYPES + error.slug,
                       error.headers, **error.extensions)

    @app.errorhandler(HTTPException)
    def handle_http_exception(error):
        # "about:blank" is RFC 7807's type for "nothing more than the HTTP status itself";
        # the title is then the status phrase (error.name), the detail Werkzeug's description.
        # get_headers() carries Allow on a 405: a client must be told which methods work.
        headers = {k: v for k, v in error.get_headers() if k.lower() != "content-type"}
        return problem(error.code or 500, error.name, error.description, headers=headers)

    @app.errorhandler(Exception)
    def handle_unexpected_error(error):
        # Flask picks the most specific handler along the exception's classes, so a 404 or a
        # 405 (HTTPException) never lands here: only real bugs do.
        # logger.exception logs at ERROR level *with* the traceback: that is for us. The body
        # below is for the client and says nothing about our code: no exception text, no
        # file names, no stack. Those help an attacker and confuse everybody else.
        app.logger.exception("Unhandled exception on %s %s", request.method, request.path)
        return problem(500, "Internal Server Error",
                       "Something went wrong on our side. It has been logged; please try again "
                       "later.", PROBLEM_TYPES + "internal-error")
