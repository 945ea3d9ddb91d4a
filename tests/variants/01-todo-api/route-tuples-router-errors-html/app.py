import itertools

from flask import Flask, request

app = Flask(__name__)


class TodoList:
    def __init__(self):
        self._ids = itertools.count(1)
        self._todos = {}

    def all(self):
        return list(self._todos.values())

    def add(self, title):
        todo = {"id": next(self._ids), "title": title, "done": False}
        self._todos[todo["id"]] = todo
        return todo

    def find(self, todo_id):
        return self._todos.get(todo_id)

    def remove(self, todo_id):
        return self._todos.pop(todo_id, None)


todo_list = TodoList()


def error(message, status):
    return {"error": message}, status


def check_title(value):
    if isinstance(value, str) and value.strip():
        return value.strip(), None
    return None, error("title must be a non-empty string", 400)


@app.route("/todos", methods=["GET", "POST"])
def todos():
    if request.method == "GET":
        return todo_list.all()
    data = request.get_json(silent=True)
    if type(data) is not dict:
        return error("expected a JSON object", 400)
    title, problem = check_title(data.get("title"))
    if problem:
        return problem
    return todo_list.add(title), 201


@app.route("/todos/<int:todo_id>", methods=["GET", "PUT", "DELETE"])
def todo(todo_id):
    item = todo_list.find(todo_id)
    if item is None:
        return error(f"no to-do {todo_id}", 404)
    if request.method == "GET":
        return item
    if request.method == "DELETE":
        todo_list.remove(todo_id)
        return "", 204
    data = request.get_json(silent=True)
    if type(data) is not dict:
        return error("expected a JSON object", 400)
    updates = {}
    if "title" in data:
        updates["title"], problem = check_title(data["title"])
        if problem:
            return problem
    if "done" in data:
        if not isinstance(data["done"], bool):
            return error("done must be true or false", 400)
        updates["done"] = data["done"]
    item.update(updates)
    return item


if __name__ == "__main__":
    app.run()
