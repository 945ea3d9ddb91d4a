"""Lesson 01: an in-memory to-do API, errors returned as (body, status) tuples."""

import json

from flask import Flask, request

app = Flask(__name__)

todos = []
next_id = 1


def allocate_id():
    global next_id
    todo_id = next_id
    next_id += 1
    return todo_id


def find_todo(todo_id):
    for todo in todos:
        if todo["id"] == todo_id:
            return todo
    return None


def not_found(todo_id):
    return {"error": f"there is no to-do with id {todo_id}"}, 404


def bad_request(message):
    return {"error": message}, 400


@app.errorhandler(405)
def method_not_allowed(error):
    # Flask raises this one itself, before any view runs: keep its Allow header.
    response = error.get_response()
    response.data = json.dumps({"error": error.description})
    response.content_type = "application/json"
    return response


def valid_title(value):
    return isinstance(value, str) and bool(value.strip())


@app.get("/todos")
def list_todos():
    return todos


@app.post("/todos")
def create_todo():
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        return bad_request("send a JSON object with Content-Type: application/json")
    title = data.get("title")
    if not valid_title(title):
        return bad_request("title must be a non-empty string")
    todo = {"id": allocate_id(), "title": title.strip(), "done": False}
    todos.append(todo)
    return todo, 201


@app.get("/todos/<int:todo_id>")
def get_todo(todo_id):
    todo = find_todo(todo_id)
    if todo is None:
        return not_found(todo_id)
    return todo


@app.put("/todos/<int:todo_id>")
def update_todo(todo_id):
    todo = find_todo(todo_id)
    if todo is None:
        return not_found(todo_id)
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        return bad_request("send a JSON object with Content-Type: application/json")
    changes = {}
    if "title" in data:
        if not valid_title(data["title"]):
            return bad_request("title must be a non-empty string")
        changes["title"] = data["title"].strip()
    if "done" in data:
        if not isinstance(data["done"], bool):
            return bad_request("done must be true or false")
        changes["done"] = data["done"]
    if not changes:
        return bad_request('nothing to change: send "title", "done" or both')
    todo.update(changes)
    return todo


@app.delete("/todos/<int:todo_id>")
def delete_todo(todo_id):
    todo = find_todo(todo_id)
    if todo is None:
        return not_found(todo_id)
    todos.remove(todo)
    return "", 204


if __name__ == "__main__":
    app.run(debug=True)
