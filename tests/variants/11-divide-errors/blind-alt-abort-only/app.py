"""Lesson 11, another way: abort() everywhere (Tool 2) and one JSON handler for HTTPException.
Every error body has the keys code, error and message; there is no field key."""

from flask import Flask, abort, jsonify, request
from werkzeug.exceptions import HTTPException


def need_int(name):
    value = request.args.get(name)
    if value is None or value.strip() == "":
        abort(400, description=f"Query parameter '{name}' is missing.")
    try:
        return int(value)
    except ValueError:
        abort(400, description=f"Query parameter '{name}' is not an integer: {value!r}.")


def create_app(config=None):
    app = Flask(__name__)
    if config:
        app.config.update(config)

    @app.errorhandler(HTTPException)
    def json_error(e):
        response = jsonify(code=e.code, error=e.name, message=e.description)
        response.status_code = e.code
        return response

    @app.get("/divide")
    def divide():
        a, b = need_int("a"), need_int("b")
        if b == 0:
            abort(422, description="Cannot divide by zero: 'b' is 0.")
        try:
            q = a / b
        except OverflowError:
            abort(422, description="The quotient is too large to represent as a float.")
        return jsonify({"result": q})

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
