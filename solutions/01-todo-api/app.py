"""Lesson 01 reference: an in-memory to-do API.

    POST   /todos             create a to-do from {"title": "..."}    -> 201 + the to-do
    GET    /todos             list every to-do                          -> 200 + a JSON list
    GET    /todos/<id>        one to-do                                 -> 200, or 404
    PUT    /todos/<id>        change "title" and/or "done"              -> 200 + the to-do
    DELETE /todos/<id>        remove it                                 -> 204, or 404

Every error, including Flask's own 404 and 405, answers with a JSON body.

Run it with `python app.py` or `flask --app app run`.
"""

import json

from flask import Flask, abort, jsonify, request
from werkzeug.exceptions import HTTPException

app = Flask(__name__)

# The "database": a plain list of dicts, living as long as the process does.
# Restart the server and it is empty again; lesson 02 replaces it with a real database.
todos = []

# The next id to hand out. It only ever goes up: once id 2 has been given to a to-do,
# no other to-do may have it, even after that one is deleted. A client that still holds
# "/todos/2" (a bookmark, a cached page, a retry) must get a 404, never someone else's item.
next_id = 1


def allocate_id():
    """Hand out a fresh id. Never derive it from len(todos): deleting shrinks the list."""
    global next_id
    todo_id = next_id
    next_id += 1
    return todo_id


def find_todo(todo_id):
    """The to-do with this id, or stop the request with a 404.

    abort() raises an HTTPException, so the view never has to deal with "not found":
    the error handler below turns it into a JSON answer.
    """
    for todo in todos:
        if todo["id"] == todo_id:
            return todo
    abort(404, description=f"there is no to-do with id {todo_id}")


def read_json_object():
    """The request body as a dict, or a 400.

    silent=True makes get_json() return None instead of raising when the body is not JSON
    (wrong Content-Type, or malformed text), so both cases reach the same check. Valid JSON
    can still be the wrong kind of value (a list, a number, a string): only a dict has
    fields, so anything else is refused here, before any code calls .get() on it.
    """
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        abort(400, description='send a JSON object such as {"title": "Buy milk"} '
                               "with the header Content-Type: application/json")
    return data


def clean_title(value):
    """A usable title, stripped, or a 400.

    The isinstance test comes first: {"title": 42} is valid JSON, and 42 has no .strip().
    """
    if not isinstance(value, str) or not value.strip():
        abort(400, description="title must be a non-empty string")
    return value.strip()


def clean_done(value):
    # JSON has real booleans; "yes" or 1 are not accepted as stand-ins.
    if not isinstance(value, bool):
        abort(400, description="done must be true or false")
    return value


@app.errorhandler(HTTPException)
def http_error_as_json(error):
    """Answer every HTTP error (400, 404, 405, ...) with JSON instead of an HTML page.

    A JSON client calls response.json() on whatever comes back; an HTML error page makes
    that call blow up with a message about "<" that says nothing about the real problem.
    Starting from error.get_response() keeps the headers Flask set, such as the Allow
    header that lists the accepted methods on a 405.
    """
    response = error.get_response()
    response.data = json.dumps({"error": error.description, "status": error.code})
    response.content_type = "application/json"
    return response


@app.get("/todos")
def list_todos():
    # A list is a fine thing to return: Flask turns dicts and lists into JSON responses.
    return todos


@app.post("/todos")
def create_todo():
    data = read_json_object()
    # Validate before allocating the id, so a refused request does not use one up.
    title = clean_title(data.get("title"))
    todo = {"id": allocate_id(), "title": title, "done": False}
    todos.append(todo)
    # 201 Created, not 200: something new exists now, and the body shows it with its id.
    return jsonify(todo), 201


@app.get("/todos/<int:todo_id>")
def get_todo(todo_id):
    # <int:todo_id> means Flask only routes here when that part of the path is digits,
    # and hands it over as an int, so it compares equal to the ids stored above.
    return find_todo(todo_id)


@app.put("/todos/<int:todo_id>")
def update_todo(todo_id):
    todo = find_todo(todo_id)
    data = read_json_object()

    # Check everything first and change nothing until all of it is valid, so a request
    # that is half wrong leaves the to-do exactly as it was.
    changes = {}
    if "title" in data:
        changes["title"] = clean_title(data["title"])
    if "done" in data:
        changes["done"] = clean_done(data["done"])
    if not changes:
        abort(400, description='nothing to change: send "title", "done" or both')

    # Update the stored dict itself; building a new dict here would change nothing.
    todo.update(changes)
    return todo


@app.delete("/todos/<int:todo_id>")
def delete_todo(todo_id):
    todo = find_todo(todo_id)
    todos.remove(todo)
    # 204 No Content: it worked and there is nothing left to show.
    return "", 204


if __name__ == "__main__":
    # Only when run as `python app.py`; `flask --app app run` and the checks import the
    # module instead, and must not start a second server.
    app.run(debug=True)
