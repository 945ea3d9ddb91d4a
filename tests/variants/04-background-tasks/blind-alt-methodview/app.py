"""Lesson 04 with MethodView classes and a Thread subclass that carries its own arguments."""

import threading
import time
from dataclasses import asdict, dataclass

from flask import Flask, abort, current_app, request
from flask.views import MethodView
from werkzeug.exceptions import HTTPException


def print_notification(task):
    print(f"[notify] {task['title']} (#{task['id']}) is done", flush=True)


DEFAULTS = {"NOTIFY_DELAY": 2.0, "NOTIFIER": print_notification}


@dataclass
class Task:
    id: int
    title: str
    user_email: str | None = None
    completed: bool = False


class Tasks:
    def __init__(self):
        self.lock = threading.RLock()
        self.items: list[Task] = []

    def create(self, title, user_email):
        with self.lock:
            task = Task(id=len(self.items) + 1, title=title, user_email=user_email)
            self.items.append(task)
            return asdict(task)

    def snapshot(self):
        with self.lock:
            return [asdict(t) for t in self.items]

    def mark_done(self, task_id):
        """(task dict or None, True if this call flipped it)."""
        with self.lock:
            for task in self.items:
                if task.id == task_id:
                    flipped = task.completed is False
                    task.completed = True
                    return asdict(task), flipped
            return None, False


class Notification(threading.Thread):
    def __init__(self, notifier, delay, task):
        super().__init__(daemon=True)
        self.notifier, self.delay, self.task = notifier, delay, task

    def run(self):
        time.sleep(self.delay)
        self.notifier(self.task)


class TaskList(MethodView):
    def get(self):
        return current_app.extensions["tasks"].snapshot()

    def post(self):
        payload = request.get_json(silent=True)
        if not isinstance(payload, dict):
            abort(400, "Expected a JSON object.")
        title = payload.get("title")
        if not isinstance(title, str) or title.isspace() or not title:
            abort(400, "A non-blank string title is required.")
        email = payload.get("user_email")
        if email is not None and not isinstance(email, str):
            abort(400, "user_email must be a string.")
        return current_app.extensions["tasks"].create(title.strip(), email), 201


class CompleteTask(MethodView):
    def post(self, task_id):
        task, flipped = current_app.extensions["tasks"].mark_done(task_id)
        if task is None:
            abort(404, f"Task {task_id} does not exist.")
        if flipped:
            Notification(current_app.config["NOTIFIER"], current_app.config["NOTIFY_DELAY"], dict(task)).start()
        return task


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    if config is not None:
        app.config.from_mapping(config)
    app.extensions["tasks"] = Tasks()
    app.register_error_handler(
        HTTPException, lambda e: ({"error": e.name, "message": e.description}, e.code))
    app.add_url_rule("/tasks", view_func=TaskList.as_view("tasks"))
    app.add_url_rule("/tasks/<int:task_id>/complete", view_func=CompleteTask.as_view("complete"))
    return app


if __name__ == "__main__":
    create_app().run(debug=True)
