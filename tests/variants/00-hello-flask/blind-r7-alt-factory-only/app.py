"""Lesson 00, written another way: an application factory only (no module-level app),
routes added with add_url_rule, the default limit kept in app.config."""

from flask import Flask, current_app, jsonify, render_template_string, request

FRUITS = [
    "apple", "apricot", "avocado", "banana", "blackberry", "blueberry", "cherry", "coconut",
    "date", "fig", "grape", "grapefruit", "kiwi", "lemon", "lime", "mango", "melon", "orange",
    "papaya", "peach", "pear", "pineapple", "plum", "raspberry", "strawberry", "watermelon",
]

PAGE = """<!doctype html>
<meta charset="utf-8">
<title>{{ title }}</title>
<h1>{{ title }}</h1>
{% if who %}<p>Greetings, {{ who }}! Glad you came.</p>{% endif %}
"""


def home():
    return render_template_string(PAGE, title="Hello from Flask", who=None)


def health():
    return jsonify(status="ok")


def hi(name):
    return render_template_string(PAGE, title="Greetings", who=name)


def bad(message):
    return jsonify(error=message), 400


def search():
    args = request.args
    q = args.get("q", "")
    if q == "":
        return bad("missing q: use /search?q=<text>")
    if "limit" not in args:
        limit = current_app.config["SEARCH_DEFAULT_LIMIT"]
    else:
        try:
            limit = int(args["limit"].strip())
        except ValueError:
            return bad("limit must be an integer")
        if limit <= 0:
            return bad("limit must be at least 1")
    lowered = q.lower()
    results = [f for f in FRUITS if f.lower().find(lowered) != -1][0:limit]
    return jsonify(q=q, limit=limit, results=results)


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(SEARCH_DEFAULT_LIMIT=10)
    if config:
        app.config.update(config)
    app.add_url_rule("/", "home", home, methods=["GET"])
    app.add_url_rule("/health", "health", health, methods=["GET"])
    app.add_url_rule("/hi/<name>", "hi", hi, methods=["GET"])
    app.add_url_rule("/search", "search", search, methods=["GET"])
    return app


if __name__ == "__main__":
    create_app().run(debug=True)
