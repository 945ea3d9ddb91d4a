from itertools import islice

from flask import Flask, jsonify, render_template_string, request

FRUITS = [
    "apple", "apricot", "avocado", "banana", "blackberry", "blueberry", "cherry", "coconut",
    "date", "fig", "grape", "grapefruit", "kiwi", "lemon", "lime", "mango", "melon", "orange",
    "papaya", "peach", "pear", "pineapple", "plum", "raspberry", "strawberry", "watermelon",
]


def bad_request(message):
    return jsonify(error=message), 400


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(config or {})

    @app.route("/", methods=["GET"])
    def index():
        return "<html><body><h2 class='title'>Welcome</h2><p>My first Flask app.</p></body></html>"

    @app.route("/health", methods=["GET"])
    def health():
        return jsonify(status="ok")

    @app.route("/hi/<string:who>", methods=["GET"])
    def greet(who):
        return render_template_string("<h2>Hi there, {{ who }}</h2>", who=who)

    @app.route("/search", methods=["GET"])
    def search():
        q = request.args.get("q", "")
        if q.strip() == "":
            return bad_request("missing query parameter: q")
        limit = 10
        if "limit" in request.args:
            raw = request.args["limit"]
            try:
                limit = int(raw) if raw.isdecimal() else 0
            except ValueError:  # more digits than int() reads (4,300)
                limit = 0
            if limit == 0:
                return bad_request("limit must be a positive integer")
        found = filter(lambda fruit: q.casefold() in fruit.casefold(), FRUITS)
        return jsonify(q=q, limit=limit, results=list(islice(found, limit)))

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
