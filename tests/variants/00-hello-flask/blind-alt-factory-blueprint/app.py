"""Hello Flask as an application factory with a blueprint."""

from flask import Blueprint, Flask, render_template_string, request

FRUITS = [
    "apple", "apricot", "avocado", "banana", "blackberry", "blueberry", "cherry", "coconut",
    "date", "fig", "grape", "grapefruit", "kiwi", "lemon", "lime", "mango", "melon", "orange",
    "papaya", "peach", "pear", "pineapple", "plum", "raspberry", "strawberry", "watermelon",
]

bp = Blueprint("main", __name__)

PAGE = """<!DOCTYPE html>
<html>
  <head><title>{{ title }}</title></head>
  <body><h1>{{ heading }}</h1></body>
</html>"""


@bp.get("/")
def home():
    return render_template_string(PAGE, title="Home", heading="My first Flask app")


@bp.get("/health")
def health():
    return {"status": "ok"}


@bp.get("/hi/<name>")
def hi(name):
    return render_template_string(PAGE, title="Greeting", heading="Hello, " + name + "!")


def _error(message):
    return {"error": message}, 400


@bp.get("/search")
def search():
    args = request.args
    q = args.get("q", default="")
    if len(q) == 0:
        return _error("missing q: give a text to search for")
    if "limit" in args:
        text = args["limit"]
        try:
            limit = int(text)
        except ValueError:
            return _error(f"limit {text!r} is not a whole number")
        if limit <= 0:
            return _error(f"limit {limit} is too small, use 1 or more")
    else:
        limit = 10
    needle = q.lower()
    found = list(filter(lambda fruit: needle in fruit.lower(), FRUITS))
    return {"results": found[:limit], "q": q, "limit": limit}


def create_app(config=None):
    app = Flask(__name__)
    if config:
        app.config.update(config)
    app.register_blueprint(bp)
    return app


if __name__ == "__main__":
    create_app().run(debug=True)
