"""Lesson 04 with one scheduler thread per app: due notifications wait in a heap."""

import heapq
import itertools
import threading
import time

from flask import Flask, abort, current_app, jsonify, request
from werkzeug.exceptions import HTTPException


def print_notification(task):
    print(f"Task {task['id']} '{task['title']}' completed; mail to {task.get('user_email')}", flush=True)


DEFAULTS = {"NOTIFY_DELAY": 2.0, "NOTIFIER": print_notification}


class Scheduler:
    """Runs notifier(task) at a due time, from its own daemon thread."""

    def __init__(self):
        self._heap = []
        self._seq = itertools.count()
        self._cv = threading.Condition()
        self._thread = threading.Thread(target=self._loop, daemon=True, name="notify-scheduler")
        self._thread.start()

    def later(self, delay, notifier, task):
        with self._cv:
            heapq.heappush(self._heap, (time.monotonic() + delay, next(self._seq), notifier, task))
            self._cv.notify()

    def _loop(self):
        while True:
            with self._cv:
                while not self._heap:
                    self._cv.wait()
                due, _, notifier, task = self._heap[0]
                wait = due - time.monotonic()
                if wait > 0:
                    self._cv.wait(wait)
                    continue
                heapq.heappop(self._heap)
            try:
                notifier(task)
            except Exception as exc:  # one failing notification must not stop the others
                print(f"notification failed: {exc!r}", flush=True)


class Store:
    def __init__(self):
        self.lock = threading.Lock()
        self.rows = {}
        self.counter = itertools.count(1)

    def insert(self, title, email):
        with self.lock:
            row = {"id": next(self.counter), "title": title, "user_email": email, "completed": False}
            self.rows[row["id"]] = row
            return dict(row)

    def complete(self, task_id):
        with self.lock:
            row = self.rows.get(task_id)
            if row is None:
                return None, False
            was_open = not row["completed"]
            row["completed"] = True
            return dict(row), was_open


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    app.config.from_mapping(config or {})
    app.extensions["store"] = Store()
    app.extensions["scheduler"] = Scheduler()

    @app.errorhandler(HTTPException)
    def as_json(e):
        return jsonify(error=e.name, message=e.description), e.code

    @app.route("/tasks", methods=["GET", "POST"])
    def tasks():
        store = current_app.extensions["store"]
        if request.method == "GET":
            with store.lock:
                return jsonify([dict(r) for r in store.rows.values()])
        body = request.get_json(silent=True)
        title = body.get("title") if isinstance(body, dict) else None
        if not isinstance(title, str) or not title.strip():
            abort(400, "Send a JSON object with a non-blank string 'title'.")
        email = body.get("user_email")
        if not (email is None or isinstance(email, str)):
            abort(400, "user_email must be a string.")
        return store.insert(title.strip(), email), 201

    @app.route("/tasks/<int:task_id>/complete", methods=["POST"])
    def complete(task_id):
        task, first_time = current_app.extensions["store"].complete(task_id)
        if task is None:
            abort(404, f"No task with id {task_id}.")
        if first_time:
            current_app.extensions["scheduler"].later(
                current_app.config["NOTIFY_DELAY"], current_app.config["NOTIFIER"], dict(task))
        return task

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
