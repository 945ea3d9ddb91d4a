"""To-do API: a dict keyed by id, itertools.count for ids, errors returned as tuples."""

import itertools

from flask import Flask, jsonify, request

app = Flask(__name__)

todos = {}                      # id -> to-do dict, in insertion (= creation) order
ids = itertools.count(1)        # only ever goes up


def error(message, status):
    return jsonify(error=message), status


@app.errorhandler(404)
def not_found(e):
    return error("not found", 404)


@app.errorhandler(405)
def method_not_allowed(e):
    response = jsonify(error="method not allowed")
    response.status_code = 405
    response.headers["Allow"] = ", ".join(sorted(e.valid_methods or []))
    return response


def valid_title(value):
    return isinstance(value, str) and value.strip() != ""


@app.route("/todos", methods=["GET"])
def list_todos():
    return jsonify(list(todos.values()))


@app.route("/todos", methods=["POST"])
def create_todo():
    body = request.get_json(silent=True)
    if type(body) is not dict:
        return error("the body must be a JSON object", 400)
    if not valid_title(body.get("title")):
        return error("title is required and must be non-empty text", 400)
    todo_id = next(ids)
    todos[todo_id] = {"id": todo_id, "title": body["title"], "done": False}
    return jsonify(todos[todo_id]), 201


@app.route("/todos/<int:todo_id>", methods=["GET"])
def show_todo(todo_id):
    if todo_id not in todos:
        return error(f"to-do {todo_id} does not exist", 404)
    return jsonify(todos[todo_id])


@app.route("/todos/<int:todo_id>", methods=["PUT"])
def change_todo(todo_id):
    if todo_id not in todos:
        return error(f"to-do {todo_id} does not exist", 404)
    body = request.get_json(silent=True)
    if type(body) is not dict:
        return error("the body must be a JSON object", 400)
    if "title" in body and not valid_title(body["title"]):
        return error("title must be non-empty text", 400)
    if "done" in body and not isinstance(body["done"], bool):
        return error("done must be a boolean", 400)
    if "title" not in body and "done" not in body:
        return error("send title and/or done", 400)
    stored = todos[todo_id]
    for key in ("title", "done"):
        if key in body:
            stored[key] = body[key]
    return jsonify(stored)


@app.route("/todos/<int:todo_id>", methods=["DELETE"])
def remove_todo(todo_id):
    removed = todos.pop(todo_id, None)
    if removed is None:
        return error(f"to-do {todo_id} does not exist", 404)
    return jsonify(deleted=removed), 200


if __name__ == "__main__":
    app.run(debug=True)
