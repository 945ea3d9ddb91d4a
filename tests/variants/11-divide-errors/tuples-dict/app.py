"""Correct alternative: plain (dict, status) tuples from the view; one handler, for Flask's own 404/405."""

import re

from flask import Flask, request
from werkzeug.exceptions import HTTPException

INTEGER = re.compile(r"[+-]?\d+")


def problem(status, message, **details):
    return {"ok": False, "message": message, "details": details}, status


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(config or {})

    @app.get("/divide")
    def divide():
        values = {}
        for name in ("a", "b"):
            raw = request.args.get(name, "").strip()
            if not raw:
                return problem(400, f"'{name}' is required", parameter=name)
            if not INTEGER.fullmatch(raw):
                return problem(400, f"'{name}' is not an integer: {raw}", parameter=name, value=raw)
            if len(raw) > 4000:
                return problem(422, f"'{name}' has too many digits", parameter=name)
            values[name] = int(raw)
        if values["b"] == 0:
            return problem(422, "division by zero", parameter="b")
        try:
            return {"result": values["a"] / values["b"]}
        except OverflowError:
            return problem(422, "the quotient is too large for a float", parameter="a")

    @app.errorhandler(HTTPException)
    def flask_error(error):  # Flask's own 404/405, in the same shape
        return problem(error.code, error.description)

    return app


if __name__ == "__main__":
    create_app().run()
