"""Lesson 04, another way: plain functions over a dict, and a Thread subclass for the notification."""

import threading
import time

from flask import Flask, abort, current_app, jsonify, request
from werkzeug.exceptions import HTTPException


def print_notification(task):
    print(f"Task {task['id']} '{task['title']}' completed -> notifying "
          f"{task.get('user_email') or 'no one (no email)'}", flush=True)


class NotificationThread(threading.Thread):
    """Waits `delay` seconds, then calls notifier(task). Everything it needs comes in __init__."""

    def __init__(self, notifier, delay, task):
        super().__init__(name=f"notify-{task['id']}", daemon=False)
        self.notifier, self.delay, self.task = notifier, delay, task

    def run(self):
        time.sleep(self.delay)
        self.notifier(self.task)


def _state():
    return current_app.extensions["todo_state"]


def add_task(title, user_email):
    state = _state()
    with state["lock"]:
        state["last_id"] += 1
        task = {"id": state["last_id"], "title": title, "user_email": user_email, "completed": False}
        state["tasks"][task["id"]] = task
        return task.copy()


def mark_completed(task_id):
    """Returns (copy or None, changed); the look and the set happen under one lock."""
    state = _state()
    with state["lock"]:
        task = state["tasks"].get(task_id)
        if task is None:
            return None, False
        if task["completed"]:
            return task.copy(), False
        task["completed"] = True
        return task.copy(), True


def create_app(config=None):
    app = Flask(__name__)
    app.config["NOTIFY_DELAY"] = 2.0
    app.config["NOTIFIER"] = print_notification
    for key, value in (config or {}).items():
        app.config[key] = value
    app.extensions["todo_state"] = {"lock": threading.Lock(), "tasks": {}, "last_id": 0}

    @app.errorhandler(HTTPException)
    def http_error(err):
        response = jsonify({"error": err.name, "message": err.description})
        response.status_code = err.code
        return response

    @app.route("/tasks", methods=["GET"])
    def list_tasks():
        with _state()["lock"]:
            return jsonify([t.copy() for t in _state()["tasks"].values()])

    @app.route("/tasks", methods=["POST"])
    def create_task():
        body = request.get_json(silent=True)
        if not isinstance(body, dict):
            abort(400, "Send a JSON object.")
        title = body.get("title")
        if not (isinstance(title, str) and title.strip()):
            abort(400, "title must be a non-blank string.")
        email = body.get("user_email")
        if not (email is None or isinstance(email, str)):
            abort(400, "user_email must be a string.")
        return jsonify(add_task(title, email)), 201

    @app.route("/tasks/<int:task_id>/complete", methods=["POST"])
    def complete(task_id):
        task, changed = mark_completed(task_id)
        if task is None:
            abort(404, f"There is no task {task_id}.")
        if changed:
            NotificationThread(current_app.config["NOTIFIER"], current_app.config["NOTIFY_DELAY"],
                               task.copy()).start()
        return jsonify(task)

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
