"""Lesson 04, another way: a Blueprint, a Timer instead of sleep-in-a-thread, 409 on a repeat."""

import copy
import threading

from flask import Blueprint, Flask, current_app, jsonify, request
from werkzeug.exceptions import BadRequest, Conflict, HTTPException, NotFound


def print_notification(task):
    """Default notifier: one line in the terminal instead of an email."""
    who = task.get("user_email") or "nobody in particular"
    print(f"[notify] {who}: '{task['title']}' (task #{task['id']}) is done", flush=True)


class Board:
    """In-memory tasks; a re-entrant lock guards every read and write."""

    def __init__(self):
        self.lock = threading.RLock()
        self.items = []

    def create(self, title, user_email):
        with self.lock:
            item = {"id": len(self.items) + 1, "title": title, "user_email": user_email,
                    "completed": False}
            self.items.append(item)
            return copy.deepcopy(item)

    def snapshot(self):
        with self.lock:
            return copy.deepcopy(self.items)

    def finish(self, task_id):
        """(copy of the task or None, True if this very call flipped it to completed)."""
        with self.lock:
            for item in self.items:
                if item["id"] == task_id:
                    first_time = item["completed"] is False
                    item["completed"] = True
                    return copy.deepcopy(item), first_time
            return None, False


def board() -> Board:
    return current_app.extensions["board"]


bp = Blueprint("tasks", __name__, url_prefix="/tasks")


@bp.get("")
def list_tasks():
    return jsonify(board().snapshot())


@bp.post("")
def create_task():
    payload = request.get_json(silent=True)
    match payload:
        case {"title": str(title)} if title.strip():
            pass
        case dict():
            raise BadRequest("title must be a string that is not blank.")
        case _:
            raise BadRequest("The body must be a JSON object.")
    match payload.get("user_email"):
        case None:
            user_email = None
        case str(user_email):
            pass
        case _:
            raise BadRequest("user_email, when given, must be a string.")
    return jsonify(board().create(title, user_email)), 201


@bp.post("/<int:task_id>/complete")
def complete_task(task_id):
    task, first_time = board().finish(task_id)
    if task is None:
        raise NotFound(f"No task {task_id}.")
    if not first_time:
        raise Conflict(f"Task {task_id} is already completed.")
    cfg = current_app.config
    timer = threading.Timer(cfg["NOTIFY_DELAY"], cfg["NOTIFIER"], args=(copy.deepcopy(task),))
    timer.daemon = True
    timer.start()
    return jsonify(task), 200


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(config or {})
    app.config.setdefault("NOTIFY_DELAY", 2.0)
    app.config.setdefault("NOTIFIER", print_notification)
    app.extensions["board"] = Board()

    @app.errorhandler(HTTPException)
    def as_json(exc):
        return jsonify(error=exc.name, message=exc.description), exc.code

    app.register_blueprint(bp)
    return app


if __name__ == "__main__":
    create_app().run(debug=True)
