"""/divide as a class-based MethodView, with a small family of exception classes."""

from flask import Flask, jsonify, request
from flask.views import MethodView
from werkzeug.exceptions import HTTPException


class DivideError(Exception):
    status = 400
    code = "bad_request"

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field

    def body(self):
        return {"error": self.code, "message": self.message, "field": self.field}


class MissingParameter(DivideError):
    code = "missing_parameter"


class NotAnInteger(DivideError):
    code = "invalid_integer"


class ImpossibleDivision(DivideError):
    status = 422
    code = "division_by_zero"


def parse_int(args, name):
    value = args.get(name)
    if value is None or value.isspace() or value == "":
        raise MissingParameter(f"{name} is required", field=name)
    try:
        return int(value)
    except ValueError:
        raise NotAnInteger(f"{name} must be an integer, got {value!r}", field=name) from None


class DivideView(MethodView):
    def get(self):
        numerator = parse_int(request.args, "a")
        denominator = parse_int(request.args, "b")
        if denominator == 0:
            raise ImpossibleDivision("b must not be 0: division by zero", field="b")
        try:
            result = numerator / denominator
        except OverflowError:
            err = ImpossibleDivision("the quotient is too large for a float", field="a")
            err.code = "result_too_large"
            raise err from None
        return jsonify({"result": result})


def render_divide_error(err):
    return jsonify(err.body()), err.status


def render_http_error(err):
    body = {"error": err.name.lower().replace(" ", "_"), "message": err.description, "field": None}
    return jsonify(body), err.code


def create_app(config=None):
    app = Flask(__name__)
    for key, value in (config or {}).items():
        app.config[key] = value
    app.add_url_rule("/divide", view_func=DivideView.as_view("divide"))
    app.register_error_handler(DivideError, render_divide_error)
    app.register_error_handler(HTTPException, render_http_error)
    return app


if __name__ == "__main__":
    create_app().run(debug=True)
