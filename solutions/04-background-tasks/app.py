"""Lesson 04: a task manager that sends its "task completed" notification in the background.

    POST /tasks                    {"title": "...", "user_email": "..."}  -> 201 + the new task
    GET  /tasks                    every task                              -> 200 + a JSON list
    POST /tasks/<id>/complete      mark it done, notify later              -> 200 + the task, or 404

Completing a task answers at once. The notification waits NOTIFY_DELAY seconds in a thread of
its own, then calls NOTIFIER(task): the checks pass a recording notifier and a short delay.
"""

import threading
import time

from flask import Flask, abort, current_app, request
from werkzeug.exceptions import HTTPException


def print_notification(task):
    """The default notifier: a stand-in for sending an email, one line in the server's terminal."""
    to = task.get("user_email") or "the task's owner"
    # flush=True: the line shows up at once, even when the output goes to a pipe.
    print(f"Notification sent to {to}: task {task['id']} '{task['title']}' completed.", flush=True)


DEFAULTS = {
    "NOTIFY_DELAY": 2.0,               # seconds between completing a task and its notification
    "NOTIFIER": print_notification,    # called as NOTIFIER(task), in the background thread
}


class TaskStore:
    """The tasks of one app, in memory.

    Flask's development server answers each request in a thread of its own, and the notification
    threads run beside them, so every read and write of the shared dict happens under one lock.
    """

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
            # Hand out copies: the stored dict is only ever changed under the lock.
            return dict(task)

    def all(self):
        with self._lock:
            return [dict(task) for task in self._tasks.values()]

    def complete(self, task_id):
        """Mark a task done; return (a copy of the task, whether this call changed it).

        Looking at "completed" and setting it happen under the same lock, so when two requests
        complete the same task at the same moment, exactly one of them sees the change. That one
        notifies; the other does not. Unknown id: (None, False).
        """
        with self._lock:
            task = self._tasks.get(task_id)
            if task is None:
                return None, False
            changed = not task["completed"]
            task["completed"] = True
            return dict(task), changed


def send_notification_later(notifier, delay, task):
    """The body of the background thread: wait, then notify.

    It gets everything as arguments. This thread runs outside any request and outside the app
    context, so `current_app` and `request` do not work here: the view reads the config for it.
    """
    time.sleep(delay)
    notifier(task)


def tasks():
    return current_app.extensions["tasks"]


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    if config:
        app.config.from_mapping(config)

    # The store belongs to this app, so two apps (two tests) never see each other's tasks.
    app.extensions["tasks"] = TaskStore()

    @app.errorhandler(HTTPException)
    def json_error(error):
        # abort(404), an unknown route, a wrong method: all answer JSON, never an HTML page.
        return {"error": error.name, "message": error.description}, error.code

    @app.get("/tasks")
    def list_tasks():
        return tasks().all()

    @app.post("/tasks")
    def create_task():
        data = request.get_json(silent=True)
        if not isinstance(data, dict):
            abort(400, description="Send a JSON object like {\"title\": \"Deploy app\"}.")
        title = data.get("title")
        if not isinstance(title, str) or not title.strip():
            abort(400, description="title is required and must be a non-empty string.")
        user_email = data.get("user_email")
        if user_email is not None and not isinstance(user_email, str):
            abort(400, description="user_email must be a string.")
        return tasks().add(title.strip(), user_email), 201

    @app.post("/tasks/<int:task_id>/complete")
    def complete_task(task_id):
        task, changed = tasks().complete(task_id)
        if task is None:
            abort(404, description=f"There is no task with id {task_id}.")

        # Only the request that actually changed the task notifies: completing it a second time
        # is a harmless no-op (200 with the task as it is), and a client that retries after a
        # timeout does not send the user a second email.
        if changed:
            # Read the config here, inside the request, and pass it to the thread as arguments.
            notifier = current_app.config["NOTIFIER"]
            delay = current_app.config["NOTIFY_DELAY"]
            thread = threading.Thread(
                # target is the function itself, NOT a call: target=f(x) would run f right now,
                # in this request, and hand its return value (None) to the thread.
                target=send_notification_later,
                args=(notifier, delay, task),
                # A daemon thread does not keep the process alive: Ctrl+C stops the server at
                # once, and a notification still waiting is lost (see "Why not just threads").
                daemon=True,
                name=f"notify-task-{task_id}",
            )
            # start() and return. No join(): joining would make this request wait for the delay.
            thread.start()

        return task

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
