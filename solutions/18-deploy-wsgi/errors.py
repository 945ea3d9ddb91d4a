"""Every error this API sends is a problem-details document (RFC 7807), as in lesson 12.

The part that matters for production is the last handler: a bug gives the client a bland 500
and gives the *log* the traceback. Never the other way round.
"""

from flask import jsonify, request
from werkzeug.exceptions import HTTPException

PROBLEM_JSON = "application/problem+json"


class APIError(Exception):
    """An error the API sends on purpose; subclasses fix the status and the title."""

    status = 500
    title = "Internal Server Error"

    def __init__(self, detail, **extensions):
        super().__init__(detail)
        self.detail = detail
        self.extensions = extensions


class NotFound(APIError):
    status = 404
    title = "Not Found"


class ValidationError(APIError):
    status = 422
    title = "Validation Failed"


def problem(status, title, detail, **extensions):
    response = jsonify({"type": "about:blank", "title": title, "status": status,
                        "detail": detail, **extensions})
    response.status_code = status
    response.content_type = PROBLEM_JSON
    return response


def register_error_handlers(app):
    @app.errorhandler(APIError)
    def handle_api_error(error):
        return problem(error.status, error.title, error.detail, **error.extensions)

    @app.errorhandler(HTTPException)
    def handle_http_exception(error):
        response = problem(error.code or 500, error.name, error.description)
        # A 405 must say which methods work (the Allow header).
        for name, value in error.get_headers():
            if name.lower() != "content-type":
                response.headers[name] = value
        return response

    @app.errorhandler(Exception)
    def handle_unexpected_error(error):
        # logger.exception = ERROR level *plus* the traceback, in the server's log, for us.
        app.logger.exception("Unhandled exception on %s %s", request.method, request.path)
        # The client gets nothing it could use against us: no exception text (it may hold a
        # password or a SQL query), no file names, no stack. With DEBUG off, this is also all
        # a visitor ever sees: Werkzeug's debugger page is never served.
        return problem(500, "Internal Server Error",
                       "Something went wrong on our side. It has been logged.")
