"""Problem details for every error. There is deliberately no handler for Exception: with
PROPAGATE_EXCEPTIONS off, Flask logs an unhandled exception (ERROR, with traceback) and raises
InternalServerError, which the HTTPException handler below renders like any other."""

import json

from flask import Response
from werkzeug.exceptions import HTTPException


class APIError(Exception):
    status = 500
    title = "Internal Server Error"
    type = "about:blank"

    def __init__(self, detail, headers=None, **extra):
        super().__init__(detail)
        self.detail = detail
        self.headers = headers or {}
        self.extra = extra


class NotFound(APIError):
    status, title, type = 404, "Not Found", "https://widgets.example/problems/no-such-widget"


class ValidationError(APIError):
    status, title, type = 422, "Invalid Widget", "https://widgets.example/problems/invalid-widget"


class RateLimited(APIError):
    status, title, type = 429, "Too Many Requests", "https://widgets.example/problems/slow-down"


def problem_response(status, title, detail, type_="about:blank", headers=None, **extra):
    payload = dict(type=type_, title=title, status=status, detail=detail, **extra)
    return Response(json.dumps(payload), status=status, headers=headers,
                    mimetype="application/problem+json")


def on_api_error(err):
    return problem_response(err.status, err.title, err.detail, err.type, err.headers, **err.extra)


def on_http_exception(err):
    if err.code == 500:
        # Whatever crashed (err.original_exception) stays in the log Flask already wrote.
        return problem_response(500, "Internal Server Error",
                                "An unexpected error occurred. It has been recorded.")
    kept = [(k, v) for k, v in err.get_headers() if k.lower() != "content-type"]
    return problem_response(err.code, err.name, err.description, headers=kept)


def init_app(app):
    app.register_error_handler(APIError, on_api_error)
    app.register_error_handler(HTTPException, on_http_exception)
