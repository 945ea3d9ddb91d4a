"""Notifications through a small thread pool that belongs to the app."""

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from threading import RLock

from flask import Flask, abort, current_app, jsonify, request


@dataclass
class Task:
    id: int
    title: str
    user_email: str | None = None
    completed: bool = False


class Board:
    def __init__(self):
        self.items: list[Task] = []
        self.lock = RLock()

    def find(self, task_id):
        with self.lock:
            for task in self.items:
                if task.id == task_id:
                    return task
        abort(404, f"no task {task_id}")


def notify_after(seconds, notify, payload):
    time.sleep(seconds)
    notify(payload)


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(NOTIFY_DELAY=2.0, NOTIFIER=lambda t: print("sent:", t, flush=True))
    app.config.from_mapping(config or {})
    app.extensions["board"] = Board()
    app.extensions["pool"] = ThreadPoolExecutor(max_workers=4, thread_name_prefix="notify")

    for code in (400, 404, 405):
        app.register_error_handler(code, lambda e: (jsonify(error=e.description), e.code))

    @app.post("/tasks")
    def add():
        data = request.get_json(silent=True)
        if not isinstance(data, dict) or not str(data.get("title") or "").strip() \
                or not isinstance(data.get("title"), str):
            abort(400, "title is required")
        if not isinstance(data.get("user_email"), (str, type(None))):
            abort(400, "user_email must be a string")
        board = current_app.extensions["board"]
        with board.lock:
            task = Task(id=len(board.items) + 1, title=data["title"], user_email=data.get("user_email"))
            board.items.append(task)
            return asdict(task), 201

    @app.get("/tasks")
    def index():
        board = current_app.extensions["board"]
        with board.lock:
            return jsonify([asdict(t) for t in board.items])

    @app.post("/tasks/<int:task_id>/complete")
    def finish(task_id):
        board = current_app.extensions["board"]
        with board.lock:
            task = board.find(task_id)
            first_time = not task.completed
            task.completed = True
            payload = asdict(task)
        if first_time:
            current_app.extensions["pool"].submit(
                notify_after, current_app.config["NOTIFY_DELAY"], current_app.config["NOTIFIER"], payload)
        return payload

    return app


if __name__ == "__main__":
    create_app().run(port=5000)
