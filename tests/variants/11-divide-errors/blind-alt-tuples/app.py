"""/divide with plain (body, status) tuples: no exceptions of our own, one error() helper."""

from flask import Flask, jsonify, request
from werkzeug.exceptions import HTTPException


def error(status, code, message, field=None):
    """Every error body is built here, so all of them have the same keys."""
    return jsonify(error=code, message=message, field=field), status


def read_int(name):
    """(value, None) when the parameter is a usable integer, else (None, error response)."""
    raw = request.args.get(name)
    if raw is None or raw.strip() == "":
        return None, error(400, "missing_parameter", f"Query parameter '{name}' is required.", name)
    try:
        return int(raw), None
    except ValueError:
        return None, error(400, "invalid_integer",
                           f"Query parameter '{name}' must be an integer, got '{raw}'.", name)


def http_error(exc):
    return error(exc.code or 500, exc.name.lower().replace(" ", "_"), exc.description)


def create_app(config=None):
    app = Flask(__name__)
    if config:
        app.config.update(config)

    @app.route("/divide", methods=["GET"])
    def divide():
        a, problem = read_int("a")
        if problem:
            return problem
        b, problem = read_int("b")
        if problem:
            return problem
        if b == 0:
            return error(422, "division_by_zero", "Cannot divide by zero: 'b' must not be 0.", "b")
        try:
            quotient = a / b
        except OverflowError:
            return error(422, "result_too_large", "The quotient does not fit in a float.", "a")
        return jsonify(result=quotient)

    app.register_error_handler(HTTPException, http_error)
    return app


if __name__ == "__main__":
    create_app().run(debug=True)
