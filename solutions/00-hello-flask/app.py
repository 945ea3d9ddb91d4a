"""Lesson 00: your first Flask app.

Four routes:

    GET /                 an HTML page with a heading
    GET /health           {"status": "ok"} as JSON
    GET /hi/<name>        a greeting page; the name is escaped by the template
    GET /search?q=&limit= fruits whose name contains q, at most limit of them (default 10)

Run it with `python app.py` or `flask --app app run --debug`, then open http://127.0.0.1:5000/.
"""

from flask import Flask, render_template_string, request

# __name__ is "app" here: Flask uses it to find this file's folder, and so the templates/ and
# static/ folders that sit beside it.
app = Flask(__name__)

# The "database" /search looks in. The checks search this very list, so leave it as it is.
FRUITS = [
    "apple", "apricot", "avocado", "banana", "blackberry", "blueberry", "cherry", "coconut",
    "date", "fig", "grape", "grapefruit", "kiwi", "lemon", "lime", "mango", "melon", "orange",
    "papaya", "peach", "pear", "pineapple", "plum", "raspberry", "strawberry", "watermelon",
]

DEFAULT_LIMIT = 10

# A template is HTML with holes. Jinja fills {{ name }} and, because this is rendered as HTML,
# escapes it first: "<b>" arrives in the page as "&lt;b&gt;", shown as text, never run as markup.
GREETING = """<!doctype html>
<title>Hello</title>
<h1>Hello, {{ name }}!</h1>
<p>Welcome to your first Flask app.</p>
"""


@app.get("/")
def home():
    # A returned string becomes the body of a 200 response with Content-Type: text/html.
    return """<!doctype html>
<title>Hello, Flask</title>
<h1>Hello, Flask!</h1>
<p>Try <a href="/health">/health</a>, <a href="/hi/Ada">/hi/Ada</a> and
<a href="/search?q=berry">/search?q=berry</a>.</p>
"""


@app.get("/health")
def health():
    # A returned dict becomes JSON (Content-Type: application/json): what monitoring tools and
    # programs expect. The string "ok" would be an HTML page that merely says ok.
    return {"status": "ok"}


@app.get("/hi/<name>")
def hi(name):
    # <name> in the rule captures that part of the path and hands it to the view as an argument.
    # Never glue it into HTML yourself (f"<h1>{name}</h1>"): the template escapes it for you.
    return render_template_string(GREETING, name=name)


@app.get("/search")
def search():
    # request.args holds the query string (?q=berry&limit=3). Every value in it is a str.
    q = request.args.get("q", "")
    if not q:
        # A search with nothing to search for is the client's mistake: 400, and say which
        # parameter. A (dict, status) tuple sets the status of a JSON response.
        return {"error": "q is required: say what to search for, e.g. /search?q=berry"}, 400

    # Convert limit ourselves. request.args.get("limit", 10, type=int) would quietly turn
    # limit=abc into 10, and the client would never learn that its request was wrong.
    raw_limit = request.args.get("limit")
    if raw_limit is None:
        limit = DEFAULT_LIMIT
    else:
        try:
            limit = int(raw_limit)
        except ValueError:
            return {"error": f"limit must be a whole number, got {raw_limit!r}"}, 400
        if limit < 1:
            # results[:0] is always empty and results[:-1] drops the last match: refuse both.
            return {"error": f"limit must be 1 or more, got {limit}"}, 400

    wanted = q.lower()
    matches = [fruit for fruit in FRUITS if wanted in fruit.lower()]
    # Echo what was understood (q, and the limit actually applied) beside the results; finding
    # nothing is still a successful search: 200 with an empty list, not a 404.
    return {"q": q, "limit": limit, "results": matches[:limit]}


if __name__ == "__main__":
    # debug=True: the server restarts when you save, and a crash shows the traceback in the
    # browser. Only ever on your own machine: that page can run Python code.
    app.run(debug=True)
