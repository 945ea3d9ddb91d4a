"""Errors as a blueprint: app_errorhandler registers each handler on the whole app."""

from http import HTTPStatus

from flask import Blueprint, current_app, jsonify, request
from werkzeug.exceptions import HTTPException

bp = Blueprint("errors", __name__)
BASE = "https://flaskcourse.example/problems/"


class APIError(Exception):
    status = HTTPStatus.INTERNAL_SERVER_ERROR
    kind = "server-error"

    def __init__(self, detail, headers=None, **extensions):
        super().__init__(detail)
        self.detail, self.headers, self.extensions = detail, headers or {}, extensions


class NotFound(APIError):
    status, kind = HTTPStatus.NOT_FOUND, "not-found"


class ValidationError(APIError):
    status, kind = HTTPStatus.UNPROCESSABLE_ENTITY, "validation"


class RateLimited(APIError):
    status, kind = HTTPStatus.TOO_MANY_REQUESTS, "too-many-writes"


def problem(status, detail, type_="about:blank", title=None, headers=None, **extensions):
    status = HTTPStatus(status)
    resp = jsonify(type=type_, title=title or status.phrase, status=int(status), detail=detail,
                   **extensions)
    resp.status_code = int(status)
    resp.headers["Content-Type"] = "application/problem+json"
    for k, v in (headers or {}).items():
        resp.headers[k] = v
    return resp


@bp.app_errorhandler(APIError)
def api_error(err):
    return problem(err.status, err.detail, BASE + err.kind, headers=err.headers, **err.extensions)


@bp.app_errorhandler(HTTPException)
def http_error(err):
    extra = {k: v for k, v in err.get_headers() if k.lower() != "content-type"}
    return problem(err.code, err.description, title=err.name, headers=extra)


@bp.app_errorhandler(Exception)
def crash(err):
    current_app.logger.error("Crash while handling %s %s", request.method, request.url,
                             exc_info=True)
    return problem(500, "An internal error occurred; the details were logged.",
                   BASE + "server-error")
