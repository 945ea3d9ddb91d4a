import json

from flask import Blueprint, Response
from werkzeug.exceptions import HTTPException, InternalServerError, NotFound, UnprocessableEntity

problems = Blueprint("problems", __name__)

BASE = "https://flaskcourse.example/problems/"


class WidgetNotFound(NotFound):
    problem_type = BASE + "widget-not-found"


class InvalidWidget(UnprocessableEntity):
    problem_type = BASE + "invalid-widget"

    def __init__(self, description, fields=None):
        super().__init__(description)
        self.fields = fields or {}


def problem_response(status, title, detail, type_="about:blank", headers=(), **members):
    body = {"type": type_, "title": title, "status": status, "detail": detail, **members}
    response = Response(json.dumps(body), status=status, mimetype="application/problem+json")
    for key, value in headers:
        if key.lower() != "content-type":
            response.headers[key] = value
    return response


@problems.app_errorhandler(HTTPException)
def any_http_error(error):
    if isinstance(error, InternalServerError):
        # Flask has already logged the original exception with its traceback; say nothing of it.
        return problem_response(500, "Internal Server Error",
                                "An unexpected error occurred. It was logged.", BASE + "internal")
    members = {"errors": error.fields} if isinstance(error, InvalidWidget) and error.fields else {}
    return problem_response(error.code, error.name, error.description,
                            getattr(error, "problem_type", "about:blank"),
                            error.get_headers(), **members)
