"""Lesson 04, another way: MethodView, dataclasses, and one scheduler thread with a deadline heap."""

import heapq
import itertools
import threading
import time
import traceback
from dataclasses import asdict, dataclass

from flask import Flask, current_app, request
from flask.views import MethodView
from werkzeug.exceptions import BadRequest, HTTPException, NotFound


def print_notification(task):
    print(f"Email to {task.get('user_email') or '(no address)'}: "
          f"your task '{task['title']}' is completed.", flush=True)


@dataclass
class Task:
    id: int
    title: str
    user_email: str | None = None
    completed: bool = False


class Store:
    def __init__(self):
        self._lock = threading.Lock()
        self._tasks: dict[int, Task] = {}
        self._ids = itertools.count(1)

    def add(self, title, user_email):
        with self._lock:
            task = Task(next(self._ids), title, user_email)
            self._tasks[task.id] = task
            return asdict(task)

    def all(self):
        with self._lock:
            return [asdict(t) for t in self._tasks.values()]

    def complete(self, task_id):
        with self._lock:
            task = self._tasks.get(task_id)
            if task is None:
                return None, False
            was_open = not task.completed
            task.completed = True
            return asdict(task), was_open


class Scheduler:
    """Runs fn(arg) at a given monotonic time, in one daemon thread started on first use."""

    def __init__(self):
        self._cond = threading.Condition()
        self._heap = []
        self._seq = itertools.count()
        self._thread = None

    def call_later(self, delay, fn, arg):
        with self._cond:
            heapq.heappush(self._heap, (time.monotonic() + delay, next(self._seq), fn, arg))
            if self._thread is None:
                self._thread = threading.Thread(target=self._loop, daemon=True, name="notifier")
                self._thread.start()
            self._cond.notify()

    def _loop(self):
        with self._cond:
            while True:
                if not self._heap:
                    self._cond.wait()
                    continue
                due = self._heap[0][0] - time.monotonic()
                if due > 0:
                    self._cond.wait(due)
                    continue
                _, _, fn, arg = heapq.heappop(self._heap)
                self._cond.release()
                try:
                    fn(arg)
                except Exception:
                    traceback.print_exc()
                finally:
                    self._cond.acquire()


class TaskList(MethodView):
    def get(self):
        return current_app.extensions["store"].all()

    def post(self):
        data = request.get_json(silent=True)
        if type(data) is not dict:
            raise BadRequest("Expected a JSON object.")
        title = data.get("title")
        if type(title) is not str or title.strip() == "":
            raise BadRequest("title: a non-blank string is required.")
        email = data.get("user_email")
        if email is not None and type(email) is not str:
            raise BadRequest("user_email: must be a string or null.")
        return current_app.extensions["store"].add(title.strip(), email), 201


class CompleteTask(MethodView):
    def post(self, task_id):
        task, was_open = current_app.extensions["store"].complete(task_id)
        if task is None:
            raise NotFound(f"Task {task_id} does not exist.")
        if was_open:
            current_app.extensions["scheduler"].call_later(
                current_app.config["NOTIFY_DELAY"], current_app.config["NOTIFIER"], dict(task))
        return task


def create_app(config=None):
    app = Flask(__name__)
    app.config.update(NOTIFY_DELAY=2.0, NOTIFIER=print_notification)
    app.config.update(config or {})
    app.extensions["store"] = Store()
    app.extensions["scheduler"] = Scheduler()
    app.register_error_handler(
        HTTPException, lambda e: ({"error": e.name, "message": e.description}, e.code))
    app.add_url_rule("/tasks", view_func=TaskList.as_view("tasks"))
    app.add_url_rule("/tasks/<int:task_id>/complete", view_func=CompleteTask.as_view("complete"))
    return app


if __name__ == "__main__":
    create_app().run(debug=True)
