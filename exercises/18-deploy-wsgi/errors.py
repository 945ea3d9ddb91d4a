"""Every error this API sends is a problem-details document (RFC 7807), as in lesson 12."""

import traceback

from flask import jsonify
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
        for name, value in error.get_headers():
            if name.lower() != "content-type":
                response.headers[name] = value
        return response

    @app.errorhandler(Exception)
    def handle_unexpected_error(error):
        # TODO: handy on a laptop, dangerous on a server: the exception text and the traceback
        #       go to whoever sent the request. Log them instead (app.logger.exception(...)
        #       logs at ERROR with the traceback) and send a detail that reveals nothing.
        return problem(500, "Internal Server Error", f"{type(error).__name__}: {error}",
                       traceback=traceback.format_exc().splitlines())
