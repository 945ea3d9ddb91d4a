"""Problem-details errors."""

from flask import jsonify, request
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
    payload = dict(type="about:blank", title=title, status=status, detail=detail, **extensions)
    response = jsonify(payload)
    response.status_code = status
    response.content_type = PROBLEM_JSON
    return response


def register_error_handlers(app):
    @app.errorhandler(APIError)
    def _api(error):
        return problem(error.status, error.title, error.detail, **error.extensions)

    @app.errorhandler(HTTPException)
    def _http(error):
        response = problem(error.code, error.name, error.description)
        response.headers.extend((k, v) for k, v in error.get_headers() if k.lower() != "content-type")
        return response

    @app.errorhandler(Exception)
    def _bug(error):
        app.logger.error("Crash while serving %s %s", request.method, request.path, exc_info=True)
        return {"type": "about:blank", "title": "Internal Server Error", "status": 500}, 500, \
            {"Content-Type": PROBLEM_JSON}
