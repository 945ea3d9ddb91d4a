"""Lesson 00, written another way: bad requests are refused with abort(400, ...) and one
error handler turns every HTTP error into JSON; the search is a plain loop."""

from flask import Flask, abort, make_response, render_template_string, request
from werkzeug.exceptions import HTTPException

app = Flask(__name__)

FRUITS = [
    "apple", "apricot", "avocado", "banana", "blackberry", "blueberry", "cherry", "coconut",
    "date", "fig", "grape", "grapefruit", "kiwi", "lemon", "lime", "mango", "melon", "orange",
    "papaya", "peach", "pear", "pineapple", "plum", "raspberry", "strawberry", "watermelon",
]


@app.errorhandler(HTTPException)
def http_error_as_json(exc):
    # abort(400, description=...) lands here: the client gets JSON, not Flask's HTML page
    return {"error": exc.description, "status": exc.code}, exc.code


@app.route("/")
def front_page():
    resp = make_response("<html><body><h4>Fruit search demo</h4></body></html>")
    resp.headers["Content-Type"] = "text/html; charset=utf-8"
    return resp


@app.route("/health")
def health():
    return app.json.response(status="ok")


@app.route("/hi/<string:name>")
def hello_name(name):
    return render_template_string(
        "<html><body><h1>Good day, {{ person }}</h1></body></html>", person=name
    )


def read_limit():
    raw = request.args.get("limit")
    if raw is None:
        return 10
    try:
        value = int(raw)
    except ValueError:
        abort(400, description=f"limit: {raw!r} is not a whole number")
    if value < 1:
        abort(400, description=f"limit: {value} is less than 1")
    return value


@app.route("/search")
def search():
    q = request.args.get("q") or abort(400, description="q: give something to search for")
    limit = read_limit()
    found = []
    for fruit in FRUITS:
        if len(found) == limit:
            break
        if q.lower() in fruit.lower():
            found.append(fruit)
    return {"results": found, "q": q, "limit": limit}


if __name__ == "__main__":
    app.run(debug=True)
