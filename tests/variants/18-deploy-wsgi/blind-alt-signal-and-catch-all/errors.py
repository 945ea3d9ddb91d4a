"""Problem-details errors; bugs are logged, never shown."""

from flask import current_app, jsonify, request
from werkzeug.exceptions import HTTPException

PROBLEM_JSON = "application/problem+json"


class APIError(Exception):
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
    response = jsonify(type="about:blank", title=title, status=status, detail=detail, **extensions)
    response.status_code = status
    response.mimetype = PROBLEM_JSON
    return response


def _any_error(error):
    if isinstance(error, APIError):
        return problem(error.status, error.title, error.detail, **error.extensions)
    if isinstance(error, HTTPException):
        response = problem(error.code, error.name, error.description)
        allow = error.get_response().headers.get("Allow")
        if allow:
            response.headers["Allow"] = allow
        return response
    current_app.logger.error("Unhandled %s on %s %s", type(error).__name__, request.method,
                             request.path, exc_info=error)
    return problem(500, "Internal Server Error", "Something went wrong.")


def register_error_handlers(app):
    app.register_error_handler(Exception, _any_error)
