"""Lesson 00, written another way: limit is read with request.args.get(type=...) and a
strict converter whose own exception (not ValueError, which type= would swallow) becomes a
JSON 400 through an error handler."""

from flask import Flask, render_template_string, request

app = Flask(__name__)

FRUITS = [
    "apple", "apricot", "avocado", "banana", "blackberry", "blueberry", "cherry", "coconut",
    "date", "fig", "grape", "grapefruit", "kiwi", "lemon", "lime", "mango", "melon", "orange",
    "papaya", "peach", "pear", "pineapple", "plum", "raspberry", "strawberry", "watermelon",
]


class BadParameter(Exception):
    def __init__(self, name, message):
        super().__init__(message)
        self.name = name
        self.message = message


@app.errorhandler(BadParameter)
def bad_parameter(exc):
    return {"error": f"{exc.name}: {exc.message}", "parameter": exc.name}, 400


def positive_whole_number(text):
    try:
        value = int(text)
    except ValueError:
        raise BadParameter("limit", f"{text!r} is not a whole number") from None
    if value < 1:
        raise BadParameter("limit", "must be 1 or more")
    return value




@app.get("/")
def home():
    return "<main><h1>Fruit finder</h1><p>Try /search?q=berry</p></main>"


@app.get("/health")
def health():
    status = {}
    status["status"] = "ok"
    return status


@app.get("/hi/<name>")
def hi(name):
    return render_template_string("<main>\n  <h1>Hello, {{ name }}!</h1>\n</main>", name=name)


@app.get("/search")
def search():
    q = request.args.get("q", default="")
    if not q:
        raise BadParameter("q", "is required")
    limit = request.args.get("limit", default=10, type=positive_whole_number)
    q_low = q.lower()
    results = []
    for fruit in FRUITS:
        if q_low in fruit.lower():
            results.append(fruit)
    del results[limit:]
    return {"q": q, "limit": limit, "results": results}


if __name__ == "__main__":
    app.run(debug=True)
