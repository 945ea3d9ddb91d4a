from flask import Blueprint, Flask, request
from markupsafe import escape

FRUITS = [
    "apple", "apricot", "avocado", "banana", "blackberry", "blueberry", "cherry", "coconut",
    "date", "fig", "grape", "grapefruit", "kiwi", "lemon", "lime", "mango", "melon", "orange",
    "papaya", "peach", "pear", "pineapple", "plum", "raspberry", "strawberry", "watermelon",
]


class BadParameter(Exception):
    def __init__(self, name, problem):
        super().__init__(f"{name}: {problem}")
        self.name = name
        self.problem = problem


pages = Blueprint("pages", __name__)


@pages.get("/")
def home():
    return "<!DOCTYPE html>\n<H1>Fruit finder</H1>\n"


@pages.get("/health")
def health():
    return {"status": "ok", "service": "fruit finder"}


@pages.get("/hi/<name>")
def hi(name):
    return f"<p>Hello <strong>{escape(name)}</strong>, nice to meet you.</p>"


def positive_int(text):
    try:
        number = int(text)
    except ValueError:
        raise BadParameter("limit", f"{text!r} is not an integer") from None
    if number <= 0:
        raise BadParameter("limit", "must be positive")
    return number


@pages.get("/search")
def search():
    term = request.args.get("q")
    if not term:
        raise BadParameter("q", "is required")
    limit = positive_int(request.args["limit"]) if "limit" in request.args else 10
    hits = []
    for fruit in FRUITS:
        if term.lower() in fruit:
            hits.append(fruit)
    return {"results": hits[:limit], "limit": limit, "q": term}


app = Flask(__name__)
app.register_blueprint(pages)


@app.errorhandler(BadParameter)
def bad_parameter(error):
    return {"error": str(error), "parameter": error.name}, 400


if __name__ == "__main__":
    app.run()
