"""Lesson 00, written another way: @app.route, jsonify, a full-match regex for limit,
casefold() and itertools.islice for the search, and a greeting without a heading."""

import re
from itertools import islice

from flask import Flask, jsonify, render_template_string, request

app = Flask(__name__)

FRUITS = [
    "apple", "apricot", "avocado", "banana", "blackberry", "blueberry", "cherry", "coconut",
    "date", "fig", "grape", "grapefruit", "kiwi", "lemon", "lime", "mango", "melon", "orange",
    "papaya", "peach", "pear", "pineapple", "plum", "raspberry", "strawberry", "watermelon",
]

WHOLE_NUMBER = re.compile(r"[0-9]+")

HOME = """<!DOCTYPE html>
<html>
  <head><title>Fruit stand</title></head>
  <body>
    <H2 class="banner">Welcome to the fruit stand</H2>
    <p>Ask <code>/search?q=...</code> for fruit.</p>
  </body>
</html>"""

GREETING = "<p>Hi there, <strong>{{ who }}</strong>. Nice to meet you.</p>"


def error(message):
    return jsonify(error=message), 400


@app.route("/", methods=["GET"])
def index():
    return HOME


@app.route("/health", methods=["GET"])
def health():
    return jsonify({"status": "ok", "service": "fruit-stand"})


@app.route("/hi/<name>", methods=["GET"])
def greet(name):
    return render_template_string(GREETING, who=name)


@app.route("/search", methods=["GET"])
def search():
    q = request.args.get("q")
    if q is None or not q.strip():
        # spaces only are refused too: the text leaves that choice open
        return error("the q parameter is required and must not be blank")

    if "limit" in request.args:
        raw = request.args["limit"]
        if not WHOLE_NUMBER.fullmatch(raw):
            return error(f"limit must be a whole number of 1 or more, not {raw!r}")
        try:
            limit = int(raw)
        except ValueError:  # more digits than Python will convert
            return error("limit is too long a number")
        if limit == 0:
            return error("limit must be a whole number of 1 or more, not 0")
    else:
        limit = 10

    needle = q.casefold()
    hits = list(islice((f for f in FRUITS if needle in f.casefold()), limit))
    return jsonify(results=hits, limit=limit, q=q)


if __name__ == "__main__":
    app.run(debug=True)
