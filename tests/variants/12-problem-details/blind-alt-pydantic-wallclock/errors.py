import json
import logging

from flask import current_app, request
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)

TYPE_BASE = "https://flaskcourse.example/problems/"


class APIError(Exception):
    status, title, kind = 500, "Internal Server Error", "internal"

    def __init__(self, detail, headers=None, **members):
        super().__init__(detail)
        self.detail, self.headers, self.members = detail, dict(headers or {}), members


class NotFound(APIError):
    status, title, kind = 404, "Not Found", "not-found"


class ValidationError(APIError):
    status, title, kind = 422, "Unprocessable Content", "invalid-widget"


class RateLimited(APIError):
    status, title, kind = 429, "Too Many Requests", "too-many-writes"


def problem(status, title, detail, type_="about:blank", headers=None, **members):
    document = {"type": type_, "title": title, "status": int(status), "detail": detail}
    document.update(members)
    response = current_app.response_class(json.dumps(document), status=status,
                                          content_type="application/problem+json")
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def install(app):
    def api_error(error):
        return problem(error.status, error.title, error.detail, TYPE_BASE + error.kind,
                       error.headers, **error.members)

    def http_error(error):
        kept = {name: value for name, value in error.get_headers()
                if name.lower() not in ("content-type", "content-length")}
        return problem(error.code, error.name, error.description, headers=kept)

    def bug(error):
        log.exception("Unhandled %s on %s", request.method, request.path)
        return problem(500, "Internal Server Error", "The server failed to handle this request.",
                       TYPE_BASE + "internal")

    app.register_error_handler(APIError, api_error)
    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(Exception, bug)
