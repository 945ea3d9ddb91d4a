"""Lesson 11, another way: the parameter errors are HTTPException subclasses, so one handler
for HTTPException renders ours and Flask's alike. Integers are recognised with a regex."""

import re

from flask import Flask, request
from werkzeug.exceptions import HTTPException

INTEGER = re.compile(r"[+-]?[0-9]+")
MAX_DIGITS = 4000  # int() refuses more than 4300 digits; we stop earlier, on purpose


class ParameterProblem(HTTPException):
    def __init__(self, code, error, description, field):
        super().__init__(description=description)
        self.code = code
        self.error = error
        self.field = field


def integer_argument(name):
    raw = request.args.get(name, "").strip()
    if not raw:
        raise ParameterProblem(400, "missing_parameter",
                               f"Query parameter '{name}' is required.", name)
    if not INTEGER.fullmatch(raw):
        raise ParameterProblem(400, "invalid_integer",
                               f"Query parameter '{name}' must be an integer, got '{raw}'.", name)
    if len(raw.lstrip("+-")) > MAX_DIGITS:
        raise ParameterProblem(422, "too_many_digits",
                               f"Query parameter '{name}' has more than {MAX_DIGITS} digits.", name)
    return int(raw)


def as_json(error):
    return {
        "error": getattr(error, "error", None) or error.name.lower().replace(" ", "_"),
        "message": error.description,
        "field": getattr(error, "field", None),
    }, error.code


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(config or {})
    app.register_error_handler(HTTPException, as_json)

    @app.route("/divide", methods=["GET"])
    def divide():
        numerator = integer_argument("a")
        denominator = integer_argument("b")
        if denominator == 0:
            raise ParameterProblem(422, "division_by_zero", "'b' must not be 0: cannot divide by zero.", "b")
        try:
            return {"result": numerator / denominator}
        except OverflowError:
            raise ParameterProblem(400, "out_of_range",
                                   "The quotient of 'a' and 'b' is too large for a float.", "a") from None

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
