"""A task manager whose notifications are threading.Timer objects; state lives in the module."""

import threading

from flask import Flask, jsonify, request


def log_notification(task):
    print(f"[notify] {task['title']!r} is done", flush=True)


tasks = {}
tasks_lock = threading.Lock()
counter = {"next": 1}


def error(status, message):
    return jsonify({"error": message}), status


def create_app(config=None):
    app = Flask(__name__)
    app.config["NOTIFY_DELAY"] = 2
    app.config["NOTIFIER"] = log_notification
    app.config.update(config or {})

    @app.errorhandler(404)
    def not_found(e):
        return error(404, "not found")

    @app.errorhandler(405)
    def not_allowed(e):
        return error(405, "method not allowed")

    @app.route("/tasks", methods=["GET", "POST"])
    def tasks_collection():
        if request.method == "GET":
            with tasks_lock:
                return jsonify(list(tasks.values()))
        body = request.get_json(silent=True) or {}
        title = body.get("title") if isinstance(body, dict) else None
        if not isinstance(title, str) or title.strip() == "":
            return error(400, "a non-empty title is required")
        if body.get("user_email") is not None and not isinstance(body["user_email"], str):
            return error(400, "user_email, when given, is a string")
        with tasks_lock:
            task = {"id": counter["next"], "title": title, "completed": False,
                    "user_email": body.get("user_email")}
            counter["next"] += 1
            tasks[task["id"]] = task
            return jsonify(task), 201

    @app.route("/tasks/<int:task_id>/complete", methods=["POST"])
    def complete(task_id):
        with tasks_lock:
            task = tasks.get(task_id)
            if task is None:
                return error(404, f"task {task_id} not found")
            if task["completed"]:
                return error(409, f"task {task_id} is already completed")
            task["completed"] = True
            snapshot = dict(task)
        timer = threading.Timer(app.config["NOTIFY_DELAY"], app.config["NOTIFIER"], args=[snapshot])
        timer.daemon = True
        timer.start()
        return jsonify(snapshot), 200

    return app


if __name__ == "__main__":
    create_app().run()
