"""Lesson 01: an in-memory to-do API.

Build these five routes (read the lesson with `flaskcourse read 01`):

    POST   /todos             create a to-do from {"title": "..."}    -> 201 + the new to-do
    GET    /todos             list every to-do                          -> 200 + a JSON list
    GET    /todos/<id>        one to-do                                 -> 200, or 404
    PUT    /todos/<id>        change "title" and/or "done"              -> 200 + the to-do
    DELETE /todos/<id>        remove it                                 -> 200 or 204, or 404

A to-do looks like {"id": 1, "title": "Buy milk", "done": false}.
Every error (400, 404, 405) must answer with JSON, never with an HTML page.

This file runs as it is (`python app.py` or `flask --app app run`), but most routes only
answer 501 Not Implemented. Replace each TODO, then run `flaskcourse check 01`.
"""

from flask import Flask, abort, jsonify, request  # noqa: F401  (you will need them all)

app = Flask(__name__)

# The in-memory "database": a list of dicts. It lives as long as the server process.
todos = []

# The id the next new to-do gets. Think about what happens to ids when a to-do is deleted.
next_id = 1


def not_implemented(what):
    return jsonify(error=f"{what} is not written yet"), 501


# Done for you, as an example: a list becomes a JSON response on its own.
@app.get("/todos")
def list_todos():
    return todos


@app.post("/todos")
def create_todo():
    # TODO: read the body with request.get_json(silent=True). It gives None when the body
    #       is not JSON at all; it can also be valid JSON that is not an object (a list).
    #       Anything but a dict is a 400.
    # TODO: the title must be a string with something in it besides spaces; otherwise 400.
    # TODO: give the to-do the next id (and make sure an id is never handed out twice),
    #       store it, and answer with the new to-do and the status 201.
    return not_implemented("POST /todos")


@app.get("/todos/<int:todo_id>")
def get_todo(todo_id):
    # TODO: find the to-do whose "id" equals todo_id (Flask already made it an int).
    #       No such to-do: 404.
    return not_implemented("GET /todos/<id>")


@app.put("/todos/<int:todo_id>")
def update_todo(todo_id):
    # TODO: 404 if there is no such to-do; 400 if the body is not a JSON object.
    # TODO: change only the fields that were sent: "title" (same rules as in POST) and/or
    #       "done" (true or false). Check them all before changing anything.
    # TODO: change the stored dict itself, then answer with the updated to-do.
    return not_implemented("PUT /todos/<id>")


@app.delete("/todos/<int:todo_id>")
def delete_todo(todo_id):
    # TODO: 404 if there is no such to-do; otherwise remove it from the list and answer
    #       204 with an empty body (or 200 with some JSON).
    return not_implemented("DELETE /todos/<id>")


# TODO: abort(404) and abort(400) answer with Flask's HTML error page. Register an error
#       handler so that errors answer with JSON, for example {"error": "no to-do with id 7"}.
#       Hint: from werkzeug.exceptions import HTTPException, then @app.errorhandler(HTTPException).
#       A 405 must keep its Allow header: start from error.get_response() and swap its body.


if __name__ == "__main__":
    app.run(debug=True)
