"""Correct alternative: a blueprint, an exception family and problem+json bodies."""

from flask import Blueprint, Flask, current_app, request
from werkzeug.exceptions import HTTPException


class Problem(Exception):
    status = 400
    title = "Bad Request"

    def __init__(self, detail):
        super().__init__(detail)
        self.detail = detail


class BadParameter(Problem):
    pass


class Unprocessable(Problem):
    status = 422
    title = "Unprocessable Content"


def render_problem(problem):
    body = current_app.json.dumps({
        "type": "about:blank",
        "title": problem.title,
        "status": problem.status,
        "detail": problem.detail,
    })
    return current_app.response_class(body, problem.status, mimetype="application/problem+json")


def render_http_problem(error):
    """Flask's own 404 and 405 in the same problem shape."""
    problem = Problem(error.description)
    problem.status, problem.title = error.code, error.name
    return render_problem(problem)


math = Blueprint("math", __name__)


def parse(name):
    if name not in request.args or not request.args[name].strip():
        raise BadParameter(f"The query parameter `{name}` was not sent.")
    text = request.args[name]
    try:
        return int(text)
    except ValueError:
        raise BadParameter(f"`{name}`={text} is not a whole number.") from None


@math.route("/divide")
def divide():
    numerator, denominator = parse("a"), parse("b")
    if not denominator:
        raise Unprocessable("Division by zero is undefined.")
    try:
        return {"result": numerator / denominator}
    except OverflowError:
        raise Unprocessable("The quotient is too large for a float.") from None


def create_app(config=None):
    app = Flask(__name__)
    app.config.update(config or {})
    app.register_blueprint(math)
    app.register_error_handler(Problem, render_problem)
    app.register_error_handler(HTTPException, render_http_problem)
    return app


if __name__ == "__main__":
    create_app().run()
