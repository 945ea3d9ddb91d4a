"""Hello Flask with class-based views (MethodView) and explicit Response objects."""

import json

from flask import Flask, Response, render_template_string, request
from flask.views import MethodView

app = Flask(__name__)

FRUITS = [
    "apple", "apricot", "avocado", "banana", "blackberry", "blueberry", "cherry", "coconut",
    "date", "fig", "grape", "grapefruit", "kiwi", "lemon", "lime", "mango", "melon", "orange",
    "papaya", "peach", "pear", "pineapple", "plum", "raspberry", "strawberry", "watermelon",
]


def json_response(payload, status=200):
    return Response(json.dumps(payload), status=status, mimetype="application/json")


class Home(MethodView):
    def get(self):
        return Response("<!doctype html><h3>Home</h3><p>Hello from a MethodView.</p>",
                        mimetype="text/html")


class Health(MethodView):
    def get(self):
        return json_response({"status": "ok"})


class Greeting(MethodView):
    template = "{% autoescape true %}<p>Greetings!</p><h1>Nice to meet you, {{ name }}.</h1>{% endautoescape %}"

    def get(self, name):
        return render_template_string(self.template, name=name)


class Search(MethodView):
    default_limit = 10

    def get(self):
        q = request.args.get("q")
        if not q:
            return json_response({"error": "please give q, the text to look for"}, 400)
        limit, problem = self.read_limit(request.args.get("limit"))
        if problem:
            return json_response({"error": problem}, 400)
        lowered = q.lower()
        matches = [f for f in FRUITS if lowered in f.lower()]
        return json_response({"q": q, "limit": limit, "results": matches[:limit]})

    def read_limit(self, raw):
        if raw is None:
            return self.default_limit, None
        try:
            number = int(raw, 10)
        except ValueError:
            return None, "limit has to be a whole number"
        if number < 1:
            return None, "limit has to be 1 or more"
        return number, None


app.add_url_rule("/", view_func=Home.as_view("home"))
app.add_url_rule("/health", view_func=Health.as_view("health"))
app.add_url_rule("/hi/<name>", view_func=Greeting.as_view("hi"))
app.add_url_rule("/search", view_func=Search.as_view("search"))


if __name__ == "__main__":
    app.run(debug=True)
