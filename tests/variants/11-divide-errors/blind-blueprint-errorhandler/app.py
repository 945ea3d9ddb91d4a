"""Lesson 11: /divide in a blueprint, its errors handled by the blueprint."""

from flask import Blueprint, Flask, request
from werkzeug.exceptions import HTTPException

bp = Blueprint("divide", __name__)


class APIError(Exception):
    def __init__(self, status, code, message, field=None):
        super().__init__(message)
        self.status, self.code, self.message, self.field = status, code, message, field


def body(code, message, field=None):
    return {"error": code, "message": message, "field": field}


def int_param(name):
    raw = request.args.get(name)
    if raw is None or not raw.strip():
        raise APIError(400, "missing_parameter", f"Query parameter '{name}' is required.", name)
    try:
        return int(raw)
    except ValueError:
        raise APIError(400, "invalid_integer",
                       f"Query parameter '{name}' must be an integer, got {raw!r}.", name) from None


@bp.get("/divide")
def divide():
    a = int_param("a")
    b = int_param("b")
    if b == 0:
        raise APIError(422, "division_by_zero", "Cannot divide by zero: 'b' must not be 0.", "b")
    try:
        return {"result": a / b}
    except OverflowError:
        raise APIError(422, "result_too_large", "The quotient is too large to represent.", "a") from None


# The blueprint's errors are rendered by the blueprint itself: everything about /divide in one place.
@bp.errorhandler(APIError)
def api_error(error):
    return body(error.code, error.message, error.field), error.status


@bp.errorhandler(HTTPException)
def http_error(error):
    return body(error.name.lower().replace(" ", "_"), error.description), error.code


def create_app(config=None):
    app = Flask(__name__)
    if config:
        app.config.update(config)
    app.register_blueprint(bp)
    return app


if __name__ == "__main__":
    create_app().run(debug=True)
