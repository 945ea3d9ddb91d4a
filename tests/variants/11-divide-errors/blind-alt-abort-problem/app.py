"""/divide with abort() everywhere and one HTTPException handler; bodies are {status, title, detail}."""

from flask import Flask, abort, request
from werkzeug.exceptions import HTTPException


def require_int(name):
    raw = request.args.get(name, "").strip()
    if not raw:
        abort(400, description=f"The query parameter {name} is required.")
    try:
        return int(raw)
    except ValueError:
        abort(400, description=f"The query parameter {name} must be an integer; "
                               f"{request.args[name]!r} is not.")


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(config or {})

    @app.errorhandler(HTTPException)
    def as_json(exc):
        # 400, 422, Flask's own 404/405 and even a 500: one shape for all of them.
        return {"status": exc.code, "title": exc.name, "detail": exc.description}, exc.code

    @app.get("/divide")
    def divide():
        a, b = require_int("a"), require_int("b")
        if b == 0:
            abort(422, description="b is 0, and nothing can be divided by zero.")
        try:
            return {"result": a / b}
        except OverflowError:
            abort(422, description="a / b is too large to be represented as a float.")

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
