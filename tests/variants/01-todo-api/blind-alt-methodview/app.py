"""To-do API with class-based views (MethodView), abort() and one HTTPException handler."""

from flask import Flask, abort, request
from flask.views import MethodView
from werkzeug.exceptions import HTTPException

app = Flask(__name__)


class Store:
    def __init__(self):
        self.items = []
        self.last_id = 0

    def new_id(self):
        self.last_id += 1
        return self.last_id

    def get(self, todo_id):
        match = next((t for t in self.items if t["id"] == todo_id), None)
        if match is None:
            abort(404, description=f"no to-do {todo_id}")
        return match


store = Store()


@app.errorhandler(HTTPException)
def as_json(exc):
    response = exc.get_response()
    response.set_data(__import__("json").dumps({"error": exc.description}))
    response.mimetype = "application/json"
    return response


def body_object():
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        abort(400, description="expected a JSON object")
    return data


def checked_title(value):
    if not isinstance(value, str):
        abort(400, description="title must be a string")
    value = value.strip()
    if not value:
        abort(400, description="title must not be empty")
    return value


class TodoCollection(MethodView):
    def get(self):
        return list(store.items)

    def post(self):
        data = body_object()
        title = checked_title(data.get("title"))
        todo = dict(id=store.new_id(), title=title, done=False)
        store.items.append(todo)
        return todo, 201


class TodoItem(MethodView):
    def get(self, todo_id):
        return store.get(todo_id)

    def put(self, todo_id):
        todo = store.get(todo_id)
        data = body_object()
        new = {}
        if "title" in data:
            new["title"] = checked_title(data["title"])
        if "done" in data:
            if data["done"] not in (True, False) or not isinstance(data["done"], bool):
                abort(400, description="done must be true or false")
            new["done"] = data["done"]
        if not new:
            abort(400, description="nothing to update")
        todo.update(new)
        return todo

    def delete(self, todo_id):
        store.items.remove(store.get(todo_id))
        return "", 204


app.add_url_rule("/todos", view_func=TodoCollection.as_view("todos"))
app.add_url_rule("/todos/<int:todo_id>", view_func=TodoItem.as_view("todo"))


if __name__ == "__main__":
    app.run(debug=True)
