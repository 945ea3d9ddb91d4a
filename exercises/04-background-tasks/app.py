"""Lesson 04: a task manager that sends its "task completed" notification in the background.

Build these routes (read the lesson with `flaskcourse read 04`):

    POST /tasks                    {"title": "...", "user_email": "..."}  -> 201 + the new task
    GET  /tasks                    every task (done for you)               -> 200 + a JSON list
    POST /tasks/<id>/complete      mark it done, notify later              -> 200 + the task, or 404

A task looks like {"id": 1, "title": "Deploy app", "user_email": "dev@example.com",
"completed": false}.

Completing a task must answer at once. The notification waits NOTIFY_DELAY seconds in a thread
of its own, then calls NOTIFIER(task) exactly once. The checks build your app with
create_app({"NOTIFY_DELAY": 0.25, "NOTIFIER": <a notifier that records its calls>}).

This file runs as it is (`python app.py` or `flask --app app run`), but the routes you write only
answer 501 Not Implemented. Replace each TODO, then run `flaskcourse check 04`.
"""

import threading
import time  # noqa: F401  (you will need it)

from flask import Flask, abort, current_app, request  # noqa: F401  (you will need them all)
from werkzeug.exceptions import HTTPException


def print_notification(task):
    """The default notifier: a stand-in for sending an email, one line in the server's terminal."""
    to = task.get("user_email") or "the task's owner"
    print(f"Notification sent to {to}: task {task['id']} '{task['title']}' completed.", flush=True)


DEFAULTS = {
    "NOTIFY_DELAY": 2.0,               # seconds between completing a task and its notification
    "NOTIFIER": print_notification,    # called as NOTIFIER(task), in the background thread
}


class TaskStore:
    """The tasks of one app, in memory, guarded by a lock (requests and threads share them)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._tasks = {}
        self._next_id = 1

    def add(self, title, user_email=None):
        with self._lock:
            task = {"id": self._next_id, "title": title, "user_email": user_email,
                    "completed": False}
            self._tasks[task["id"]] = task
            self._next_id += 1
            return dict(task)      # a copy: the stored dict only changes under the lock

    def all(self):
        with self._lock:
            return [dict(task) for task in self._tasks.values()]

    def complete(self, task_id):
        """Mark a task done; return (a copy of the task, whether this call changed it)."""
        # TODO: under self._lock: look the task up (unknown id: return None, False), remember
        #       whether it was still not completed, set "completed" to True, and return
        #       (dict(task), changed). Only the call that changed it may notify.
        return None, False


def send_notification_later(notifier, delay, task):
    """What the background thread runs: wait `delay` seconds, then call notifier(task)."""
    # TODO: sleep, then notify. This runs outside any request: current_app and request do not
    #       work here, which is why everything comes in as an argument.


def tasks():
    return current_app.extensions["tasks"]


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    if config:
        app.config.from_mapping(config)

    app.extensions["tasks"] = TaskStore()

    # Done for you (you wrote one in lesson 01): every error answers JSON, never an HTML page.
    @app.errorhandler(HTTPException)
    def json_error(error):
        return {"error": error.name, "message": error.description}, error.code

    # Done for you, as an example.
    @app.get("/tasks")
    def list_tasks():
        return tasks().all()

    @app.post("/tasks")
    def create_task():
        # TODO: read the body with request.get_json(silent=True); anything but a dict is a 400.
        # TODO: "title" must be a string with something in it besides spaces; otherwise 400.
        #       "user_email" is optional (missing or null), but when given it must be a string.
        # TODO: add the task to tasks() and answer it with the status 201.
        abort(501, description="POST /tasks is not written yet: see the TODOs in app.py.")

    @app.post("/tasks/<int:task_id>/complete")
    def complete_task(task_id):
        # TODO: tasks().complete(task_id); an unknown id is a 404.
        # TODO: only if this call changed the task: read NOTIFIER and NOTIFY_DELAY from
        #       current_app.config HERE, in the request, and start a threading.Thread (daemon)
        #       that runs send_notification_later with them and the task. Start it; don't join.
        # TODO: answer the task, with the status 200, without waiting for the thread.
        abort(501, description="POST /tasks/<id>/complete is not written yet: see app.py.")

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
