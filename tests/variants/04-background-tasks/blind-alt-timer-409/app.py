"""Lesson 04 with threading.Timer, a plain dict store and a 409 for a repeated complete."""

import itertools
import threading

from flask import Flask, current_app, jsonify, request
from werkzeug.exceptions import HTTPException


def print_notification(task):
    print(f"Notification sent to {task.get('user_email') or 'the owner'}: "
          f"task {task['id']} '{task['title']}' completed.", flush=True)


DEFAULTS = {"NOTIFY_DELAY": 2.0, "NOTIFIER": print_notification}


def error(status, message):
    return jsonify({"error": message}), status


def create_app(config=None):
    app = Flask(__name__)
    app.config.update(DEFAULTS)
    app.config.update(config or {})
    app.extensions["task_state"] = {
        "tasks": {},
        "ids": itertools.count(1),
        "lock": threading.Lock(),
    }

    @app.errorhandler(HTTPException)
    def http_error(exc):
        return error(exc.code, exc.description)

    def state():
        return current_app.extensions["task_state"]

    @app.route("/tasks", methods=["GET"])
    def list_tasks():
        with state()["lock"]:
            return jsonify([dict(t) for t in state()["tasks"].values()])

    @app.route("/tasks", methods=["POST"])
    def create_task():
        body = request.get_json(force=True, silent=True)
        if type(body) is not dict:
            return error(400, "The body must be a JSON object.")
        title = body.get("title")
        if type(title) is not str or title.strip() == "":
            return error(400, "title must be a non-empty string.")
        email = body.get("user_email")
        if email is not None and type(email) is not str:
            return error(400, "user_email must be a string.")
        st = state()
        with st["lock"]:
            task = {"id": next(st["ids"]), "title": title.strip(), "user_email": email,
                    "completed": False}
            st["tasks"][task["id"]] = task
            return jsonify(dict(task)), 201

    @app.route("/tasks/<int:task_id>/complete", methods=["POST"])
    def complete_task(task_id):
        st = state()
        with st["lock"]:
            stored = st["tasks"].get(task_id)
            if stored is None:
                return error(404, f"No task {task_id}.")
            if stored["completed"]:
                return error(409, f"Task {task_id} is already completed.")
            stored["completed"] = True
            task = dict(stored)
        timer = threading.Timer(current_app.config["NOTIFY_DELAY"], current_app.config["NOTIFIER"],
                                args=(dict(task),))
        timer.daemon = True
        timer.start()
        return jsonify(task), 200

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
