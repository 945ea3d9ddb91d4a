"""RFC 7807 bodies, built by a function the views call and return (no exceptions raised)."""

from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException

BASE = "https://flaskcourse.example/problems/"


def problem(status: int, title: str, detail: str, headers=None, **extra):
    body = dict(extra)
    body.update(type=BASE + title.lower().replace(" ", "-"), title=title, status=status,
                detail=detail)
    response = jsonify(body)
    response.status_code = status
    response.mimetype = "application/problem+json"
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def init_app(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_problem(error):
        extra_headers = {k: v for k, v in error.get_headers() if k.lower() != "content-type"}
        return problem(error.code, error.name, error.description, extra_headers)
