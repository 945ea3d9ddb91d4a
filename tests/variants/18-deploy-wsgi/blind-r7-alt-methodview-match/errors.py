from flask import current_app, jsonify, request
from werkzeug.exceptions import HTTPException


class Problem(Exception):
    def __init__(self, status, title, detail):
        super().__init__(detail)
        self.status, self.title, self.detail = status, title, detail


def problem_response(status, title, detail, headers=None):
    body = jsonify(type="about:blank", title=title, status=status, detail=detail)
    body.status_code = status
    body.mimetype = "application/problem+json"
    for name, value in (headers or []):
        if name.lower() != "content-type":
            body.headers[name] = value
    return body


def _on_problem(err):
    return problem_response(err.status, err.title, err.detail)


def _on_http(err):
    return problem_response(err.code or 500, err.name, err.description, err.get_headers())


def _on_bug(err):
    current_app.logger.exception("unhandled error during %s %s", request.method, request.path)
    return problem_response(500, "Internal Server Error", "An unexpected error occurred.")


def register(app):
    app.register_error_handler(Problem, _on_problem)
    app.register_error_handler(HTTPException, _on_http)
    app.register_error_handler(Exception, _on_bug)
