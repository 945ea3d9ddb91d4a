"""Lesson 01 with one view per URL that dispatches on the method."""

import json
import threading

from flask import Flask, abort, request

app = Flask(__name__)

todos = []
counter = {"next": 1}
lock = threading.Lock()


def take_id():
    with lock:
        value = counter["next"]
        counter["next"] = value + 1
    return value


def body_object():
    # Plain get_json(): a non-JSON content type raises 415, broken JSON raises 400;
    # both reach the handlers below. Valid JSON that is not an object is a 400 here.
    body = request.get_json()
    if type(body) is not dict:
        abort(400, description="the body must be a JSON object")
    return body


def checked_title(value):
    if type(value) is not str or value.strip() == "":
        abort(400, description="title must be non-empty text")
    return value.strip()


def lookup(todo_id):
    match = [t for t in todos if t["id"] == todo_id]
    if not match:
        abort(404, description=f"to-do {todo_id} does not exist")
    return match[0]


@app.route("/todos", methods=["GET", "POST"])
def collection():
    if request.method != "POST":      # GET, and HEAD, which Flask routes here too
        return list(todos)
    body = body_object()
    todo = {"id": None, "title": checked_title(body.get("title")), "done": False}
    todo["id"] = take_id()
    todos.append(todo)
    return todo, 201


@app.route("/todos/<int:todo_id>", methods=["GET", "PUT", "PATCH", "DELETE"])
def member(todo_id):
    todo = lookup(todo_id)
    if request.method in ("GET", "HEAD"):
        return todo
    if request.method == "DELETE":
        todos.remove(todo)
        return "", 204
    # PUT or PATCH: a partial update of the fields sent.
    body = body_object()
    new = {}
    if "title" in body:
        new["title"] = checked_title(body["title"])
    if "done" in body:
        if body["done"] is not True and body["done"] is not False:
            abort(400, description="done must be true or false")
        new["done"] = body["done"]
    if not new:
        abort(400, description="send title and/or done")
    todo.update(new)
    return todo


def json_error(error):
    response = error.get_response()
    response.set_data(json.dumps({"error": error.name, "detail": error.description}))
    response.mimetype = "application/json"
    return response


for code in (400, 404, 405, 415):
    app.register_error_handler(code, json_error)


if __name__ == "__main__":
    app.run(debug=True)
