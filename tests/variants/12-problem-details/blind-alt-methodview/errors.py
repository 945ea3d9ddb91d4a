"""One handler for every exception. It tells the three kinds apart itself with isinstance."""

import logging

from flask import make_response
from werkzeug.exceptions import HTTPException
from werkzeug.http import HTTP_STATUS_CODES

log = logging.getLogger("widgets.errors")


class APIError(Exception):
    def __init__(self, status, detail, *, problem_type="about:blank", headers=None, **members):
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.problem_type = problem_type
        self.headers = headers or {}
        self.members = members


class NotFound(APIError):
    def __init__(self, detail):
        super().__init__(404, detail)


class ValidationError(APIError):
    def __init__(self, detail, **members):
        super().__init__(422, detail, problem_type="/problems/invalid-input", **members)


class RateLimited(APIError):
    def __init__(self, detail, retry_after):
        super().__init__(429, detail, headers={"Retry-After": str(retry_after)})


def problem(status, detail, problem_type="about:blank", title=None, headers=(), **members):
    body = {"type": problem_type, "title": title or HTTP_STATUS_CODES[status],
            "status": status, "detail": detail, **members}
    response = make_response(body, status)
    response.mimetype = "application/problem+json"
    for key, value in dict(headers).items():
        response.headers[key] = value
    return response


def any_error(exc):
    if isinstance(exc, APIError):
        return problem(exc.status, exc.detail, exc.problem_type, headers=exc.headers,
                       **exc.members)
    if isinstance(exc, HTTPException):
        headers = [(k, v) for k, v in exc.get_headers() if k.lower() != "content-type"]
        return problem(exc.code, exc.description, title=exc.name, headers=headers)
    log.error("Unexpected error while answering a request", exc_info=exc)
    return problem(500, "The server could not complete this request.")


def register(app):
    app.register_error_handler(Exception, any_error)
