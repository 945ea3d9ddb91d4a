"""Correct alternative: a module-level app, abort(), and one handler for every HTTPException."""

from flask import Flask, abort, jsonify, request
from werkzeug.exceptions import HTTPException

app = Flask(__name__)


def read_int(name):
    value = request.args.get(name, "")
    if value == "" or value.isspace():
        abort(400, description=f"missing query parameter: {name}")
    try:
        return int(value)
    except ValueError:
        abort(400, description=f"{name} must be an integer, not {value!r}")


@app.route("/divide", methods=["GET"])
def divide():
    a = read_int("a")
    b = read_int("b")
    if b == 0:
        abort(422, description="b is zero, and nothing can be divided by zero")
    try:
        return jsonify(result=a / b)
    except OverflowError:
        abort(422, description="a / b is too large for a float")


@app.errorhandler(HTTPException)
def as_json(error):
    response = jsonify(status=error.code, error=error.name, message=error.description)
    response.status_code = error.code
    return response


if __name__ == "__main__":
    app.run()
