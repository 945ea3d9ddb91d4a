"""RFC 7807 bodies: type, title, status, detail (never instance)."""

from flask import jsonify
from werkzeug.exceptions import HTTPException


class ApiProblem(Exception):
    def __init__(self, status, kind, title, detail, **members):
        super().__init__(detail)
        self.status, self.kind, self.title, self.detail, self.members = status, kind, title, detail, members


def render(status, type_, title, detail, members=None, headers=()):
    response = jsonify({"type": type_, "title": title, "status": status, "detail": detail,
                        **(members or {})})
    response.status_code = status
    response.mimetype = "application/problem+json"
    for name, value in headers:
        response.headers[name] = value
    return response


def register(app):
    def on_problem(err):
        return render(err.status, f"https://api.example.com/problems/{err.kind}", err.title,
                      err.detail, err.members)

    def on_http(err):
        kept = [(k, v) for k, v in err.get_headers() if k.lower() != "content-type"]
        return render(err.code, "about:blank", err.name, err.description, headers=kept)

    app.register_error_handler(ApiProblem, on_problem)
    app.register_error_handler(HTTPException, on_http)
