"""Hello Flask, written with @app.route(methods=...), jsonify and an error handler."""

from flask import Flask, jsonify, render_template_string, request

app = Flask(__name__)

FRUITS = [
    "apple", "apricot", "avocado", "banana", "blackberry", "blueberry", "cherry", "coconut",
    "date", "fig", "grape", "grapefruit", "kiwi", "lemon", "lime", "mango", "melon", "orange",
    "papaya", "peach", "pear", "pineapple", "plum", "raspberry", "strawberry", "watermelon",
]


class BadParameter(Exception):
    """A query parameter the client got wrong; turned into a JSON 400 below."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@app.errorhandler(BadParameter)
def bad_parameter(exc):
    return jsonify(error=exc.message), 400


def parse_limit(raw, default=10):
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadParameter(f"limit must be a whole number, not {raw!r}") from None
    if value < 1:
        raise BadParameter("limit must be at least 1")
    return value


@app.route("/", methods=["GET"])
def index():
    return "<html><body><h2>Welcome to Flask</h2><p>It works.</p></body></html>"


@app.route("/health", methods=["GET"])
def health():
    return jsonify(status="ok")


@app.route("/hi/<name>", methods=["GET"])
def greet(name):
    return render_template_string(
        "<html><body><h1>Hi there, {{ who }}</h1></body></html>", who=name)


@app.route("/search", methods=["GET"])
def search():
    q = request.args.get("q")
    if q is None or q == "":
        raise BadParameter("the q parameter is required")
    limit = parse_limit(request.args.get("limit"))
    results = []
    for fruit in FRUITS:
        if q.casefold() in fruit.casefold():
            results.append(fruit)
            if len(results) == limit:
                break
    return jsonify(q=q, limit=limit, results=results)


if __name__ == "__main__":
    app.run(debug=True)
