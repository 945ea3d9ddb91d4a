"""Lesson 11 — errors that explain themselves.

GET /divide?a=10&b=2 already answers {"result": 5.0}. Every other request is your job:
right now a missing parameter, a word instead of a number and b=0 all end in the same
"500 Internal Server Error" HTML page. Make each failure answer with its own status and a
JSON body of one shape that tells the client what to fix.

Run it:    python app.py      (or: flask --app app run)
Try it:    curl -i "http://127.0.0.1:5000/divide?a=10&b=0"
Check it:  flaskcourse check
"""

from flask import Flask, request


def create_app(config=None):
    app = Flask(__name__)
    if config:
        app.config.update(config)

    # TODO 1: decide on ONE shape for every error body, for example
    #         {"error": "missing_parameter", "message": "Query parameter 'b' is required.", "field": "b"}
    #         and write the code that builds it in one place (a helper function, or an error
    #         handler registered with @app.errorhandler(...)).

    @app.route("/divide")
    def divide():
        # TODO 2: request.args.get("a") is None when a is missing, and int(None) raises a
        #         TypeError (a 500). Answer 400 and name the missing parameter instead.
        # TODO 3: int("abc") and int("2.5") raise ValueError (another 500). Answer 400 and
        #         name the value that is not an integer.
        #         Tip: request.args.get("a", type=int) returns None for BOTH a missing and a
        #         bad value, so it cannot tell the two cases apart.
        a = int(request.args.get("a"))
        b = int(request.args.get("b"))
        # TODO 4: b == 0 is a well-formed request for an impossible operation: answer 422,
        #         and only after both a and b have been checked.
        return {"result": a / b}

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
