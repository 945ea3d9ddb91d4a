"""Lesson 01 in another style: a blueprint of class-based views over a dict of to-dos."""

import itertools
import threading

from flask import Blueprint, Flask, jsonify, request
from flask.views import MethodView
from werkzeug.exceptions import HTTPException

# ---- storage -------------------------------------------------------------------------------
store = {}                      # id -> to-do; dicts keep insertion order, so the list is stable
_ids = itertools.count(1)       # only ever goes up: an id is never handed out twice
_ids_lock = threading.Lock()


def new_id():
    with _ids_lock:
        return next(_ids)


# ---- helpers -------------------------------------------------------------------------------
def problem(status, message):
    return jsonify(error=message, status=status), status


def json_object():
    """The body if it is a JSON object, else None."""
    body = request.get_json(silent=True)
    return body if isinstance(body, dict) else None


def title_ok(value):
    return isinstance(value, str) and value.strip() != ""


NOT_AN_OBJECT = 'the body must be a JSON object like {"title": "Buy milk"} (Content-Type: application/json)'


# ---- views ---------------------------------------------------------------------------------
class TodoCollection(MethodView):
    def get(self):
        return jsonify(list(store.values()))

    def post(self):
        body = json_object()
        if body is None:
            return problem(400, NOT_AN_OBJECT)
        if not title_ok(body.get("title")):
            return problem(400, "title must be a string that is not blank")
        todo = {"id": new_id(), "title": body["title"], "done": False}
        store[todo["id"]] = todo
        return jsonify(todo), 201


class TodoItem(MethodView):
    def get(self, todo_id):
        if todo_id not in store:
            return problem(404, f"no to-do with id {todo_id}")
        return jsonify(store[todo_id])

    def put(self, todo_id):
        if todo_id not in store:
            return problem(404, f"no to-do with id {todo_id}")
        body = json_object()
        if body is None:
            return problem(400, NOT_AN_OBJECT)
        if "title" in body and not title_ok(body["title"]):
            return problem(400, "title must be a string that is not blank")
        if "done" in body and type(body["done"]) is not bool:
            return problem(400, "done must be true or false")
        todo = store[todo_id]
        for field in ("title", "done"):
            if field in body:
                todo[field] = body[field]
        return jsonify(todo)

    def delete(self, todo_id):
        todo = store.pop(todo_id, None)
        if todo is None:
            return problem(404, f"no to-do with id {todo_id}")
        return jsonify(deleted=todo)


bp = Blueprint("todos", __name__, url_prefix="/todos")
bp.add_url_rule("", view_func=TodoCollection.as_view("collection"))
bp.add_url_rule("/<int:todo_id>", view_func=TodoItem.as_view("item"))

# ---- app -----------------------------------------------------------------------------------
app = Flask(__name__)
app.register_blueprint(bp)


@app.errorhandler(HTTPException)
def http_error(error):
    """Flask's own errors (no route: 404, wrong method: 405, ...) as JSON, keeping Allow."""
    response = jsonify(error=error.description, status=error.code)
    response.status_code = error.code
    allow = error.get_response().headers.get("Allow")
    if allow:
        response.headers["Allow"] = allow
    return response


if __name__ == "__main__":
    app.run(debug=True)
