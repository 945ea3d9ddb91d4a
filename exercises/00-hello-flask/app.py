"""Lesson 00: your first Flask app.

Build four routes (read the lesson with `flaskcourse read 00`):

    GET /                 an HTML page with a heading, such as <h1>Hello, Flask!</h1>
    GET /health           {"status": "ok"} as JSON
    GET /hi/<name>        a greeting page for that name, made with render_template_string
    GET /search?q=&limit= {"q": ..., "limit": ..., "results": [...]}: the fruits whose name
                          contains q, at most limit of them (default 10)

This file runs as it is (`python app.py` or `flask --app app run --debug`), but the routes are
not written yet. Replace each TODO, then run `flaskcourse check`.
"""

from flask import Flask, render_template_string, request  # noqa: F401  (you will need them)

app = Flask(__name__)

# The list /search looks in. The checks search this very list, so leave it as it is.
FRUITS = [
    "apple", "apricot", "avocado", "banana", "blackberry", "blueberry", "cherry", "coconut",
    "date", "fig", "grape", "grapefruit", "kiwi", "lemon", "lime", "mango", "melon", "orange",
    "papaya", "peach", "pear", "pineapple", "plum", "raspberry", "strawberry", "watermelon",
]


@app.get("/")
def home():
    # TODO: return an HTML page with a heading (<h1>...</h1>). A returned string is sent as
    # text/html, so a string holding your HTML is all it takes.
    return "TODO: a page with a heading"


@app.get("/health")
def health():
    # TODO: answer with the JSON {"status": "ok"}. Hint: return a dict, not a string.
    return "TODO", 501


# TODO: GET /hi/<name>
#   - The rule needs <name> in it, so that /hi/Ada and /hi/Grace both reach your view,
#     and the view function takes `name` as its argument.
#   - Build the page with render_template_string and a template that holds {{ name }}.
#     Do not paste the name into the HTML yourself (no f-strings, no |safe).


# TODO: GET /search
#   - q = request.args.get("q"): missing or empty -> 400 with a JSON {"error": "..."} naming q
#   - limit: 10 when the URL has no limit; otherwise convert it yourself with int() inside
#     try/except ValueError. Not a whole number, or below 1 -> 400 with a JSON error naming limit.
#   - results: the fruits that contain q, ignoring upper/lower case, at most `limit` of them.
#   - return {"q": q, "limit": limit, "results": results}


if __name__ == "__main__":
    # debug=True restarts the server when you save and shows errors in the browser.
    app.run(debug=True)
