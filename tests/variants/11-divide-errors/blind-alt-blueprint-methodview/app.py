"""Lesson 11, another way: a blueprint with a MethodView, errors returned as tuples (Tool 1),
every body in the {"status", "title", "detail"} shape."""

from flask import Blueprint, Flask, jsonify, request
from flask.views import MethodView
from werkzeug.exceptions import HTTPException


def problem(status, title, detail):
    """The one place an error body is built."""
    return jsonify(status=status, title=title, detail=detail), status


def read_int(name):
    """(value, None) when the parameter is a usable integer, else (None, error response)."""
    raw = request.args.get(name)
    if raw is None or raw == "":
        return None, problem(400, "Missing parameter",
                             f"The query parameter {name} is required.")
    try:
        return int(raw), None
    except ValueError:
        return None, problem(400, "Not an integer",
                             f"The query parameter {name} must be an integer; got {raw!r}.")


class DivideView(MethodView):
    def get(self):
        a, error = read_int("a")
        if error:
            return error
        b, error = read_int("b")
        if error:
            return error
        if b == 0:
            return problem(422, "Division by zero", "The query parameter b must not be 0.")
        try:
            quotient = a / b
        except OverflowError:
            return problem(422, "Result out of range",
                           "The quotient of a and b does not fit in a float.")
        return jsonify(result=quotient)


api = Blueprint("api", __name__)
api.add_url_rule("/divide", view_func=DivideView.as_view("divide"))


def http_problem(error):
    return problem(error.code, error.name, error.description)


def create_app(config=None):
    app = Flask(__name__)
    if config:
        app.config.update(config)
    app.register_blueprint(api)
    app.register_error_handler(HTTPException, http_problem)
    return app


if __name__ == "__main__":
    create_app().run(debug=True)
