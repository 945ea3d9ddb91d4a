"""To-do API as a blueprint inside create_app(), with its store kept per app, behind a lock."""

import threading

from flask import Blueprint, Flask, current_app, jsonify, request
from werkzeug.exceptions import HTTPException, NotFound

bp = Blueprint("todos", __name__, url_prefix="/todos")


class TodoStore:
    def __init__(self):
        self._lock = threading.Lock()
        self._todos = []
        self._next = 1

    def all(self):
        with self._lock:
            return [dict(t) for t in self._todos]

    def add(self, title):
        with self._lock:
            todo = {"id": self._next, "title": title, "done": False}
            self._next += 1
            self._todos.append(todo)
            return dict(todo)

    def find(self, todo_id):
        for todo in self._todos:
            if todo["id"] == todo_id:
                return todo
        raise NotFound(f"to-do {todo_id} not found")

    def update(self, todo_id, changes):
        with self._lock:
            todo = self.find(todo_id)
            todo.update(changes)
            return dict(todo)

    def delete(self, todo_id):
        with self._lock:
            self._todos.remove(self.find(todo_id))


def store():
    return current_app.extensions["todo_store"]


class Invalid(Exception):
    pass


def parse_body():
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise Invalid("request body must be a JSON object")
    return data


def parse_title(raw):
    if isinstance(raw, str) and raw.strip():
        return raw.strip()
    raise Invalid("title must be a non-blank string")


@bp.route("", methods=["GET", "POST"])
def collection():
    if request.method == "GET":
        return jsonify(store().all())
    title = parse_title(parse_body().get("title"))
    return jsonify(store().add(title)), 201


@bp.route("/<int:todo_id>", methods=["GET", "PUT", "DELETE"])
def item(todo_id):
    if request.method == "GET":
        return jsonify(dict(store().find(todo_id)))
    if request.method == "DELETE":
        store().delete(todo_id)
        return "", 204
    store().find(todo_id)
    data = parse_body()
    changes = {}
    if "title" in data:
        changes["title"] = parse_title(data["title"])
    if "done" in data:
        if not isinstance(data["done"], bool):
            raise Invalid("done must be a boolean")
        changes["done"] = data["done"]
    if not changes:
        raise Invalid("give title and/or done")
    return jsonify(store().update(todo_id, changes))


def create_app(config=None):
    app = Flask(__name__)
    app.config.update(config or {})
    app.extensions["todo_store"] = TodoStore()
    app.register_blueprint(bp)

    @app.errorhandler(Invalid)
    def invalid(exc):
        return jsonify(error=str(exc)), 400

    @app.errorhandler(HTTPException)
    def http_error(exc):
        response = jsonify(error=exc.description, code=exc.code)
        response.status_code = exc.code
        for name, value in exc.get_headers():
            if name.lower() != "content-type":
                response.headers[name] = value
        return response

    return app


app = create_app()


if __name__ == "__main__":
    app.run(debug=True)
