"""The whole lesson in one module, in a different style from the reference."""

import logging
import os
import sys
import threading

from flask import Flask, jsonify, request
from flask.logging import default_handler
from werkzeug.exceptions import HTTPException

SETTINGS = {
    "development": {"DEBUG": False, "TESTING": False, "SECRET_KEY": "laptop-only"},
    "production": {"DEBUG": False, "TESTING": False},
}


def pick_environment():
    explicit = os.environ.get("APP_ENV")
    if explicit:
        if explicit not in SETTINGS:
            raise RuntimeError(f"unknown APP_ENV {explicit!r}")
        return explicit
    debug = os.environ.get("FLASK_DEBUG", "").lower() not in ("", "0", "false", "no")
    return "development" if debug else "production"


def attach_stderr_handler(logger):
    # One named handler, added once even if the factory runs twice in a process.
    if not any(h.get_name() == "stderr" for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.set_name("stderr")
        handler.setFormatter(logging.Formatter("[%(asctime)s] %(levelname)-8s %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False  # waitress adds a root handler too: avoid every line twice


def create_app(config=None):
    env = pick_environment()
    app = Flask(__name__)
    app.config.update(SETTINGS[env])
    if env == "production":
        app.logger.removeHandler(default_handler)  # Flask's own: lines would go out twice
        attach_stderr_handler(app.logger)
        app.config["SECRET_KEY"] = os.environ.get("SECRET_KEY")
    app.config.update(config or {})
    if not app.config.get("SECRET_KEY"):  # unset or empty, once the tests' mapping is on top
        raise RuntimeError("Set the SECRET_KEY environment variable first.")

    widgets, lock = {}, threading.Lock()

    @app.after_request
    def access_log(response):
        app.logger.info("%s %s -> %d", request.method, request.path, response.status_code)
        return response

    @app.errorhandler(HTTPException)
    def http_error(error):
        body = {"type": "about:blank", "title": error.name, "status": error.code,
                "detail": error.description}
        headers = [(k, v) for k, v in error.get_headers() if k.lower() != "content-type"]
        return jsonify(body), error.code, headers

    @app.errorhandler(500)
    def server_error(error):
        # Flask has already logged the original exception with its traceback (log_exception).
        return jsonify({"type": "about:blank", "title": "Internal Server Error", "status": 500,
                        "detail": "Unexpected error."}), 500

    @app.route("/health")
    def health():
        return jsonify(status="ok")

    @app.route("/widgets", methods=["GET", "POST"])
    def widget_list():
        if request.method == "GET":
            return jsonify(list(widgets.values()))
        body = request.get_json(silent=True)
        name = body.get("name") if isinstance(body, dict) else None
        if not isinstance(name, str) or not name.strip() or len(name.strip()) > 40:
            return jsonify(title="Validation Failed", status=422, detail="name required"), 422
        with lock:
            widget = {"id": len(widgets) + 1, "name": name}
            widgets[widget["id"]] = widget
        return jsonify(widget), 201

    @app.route("/widgets/<int:widget_id>")
    def widget_detail(widget_id):
        if widget_id not in widgets:
            return jsonify(title="Not Found", status=404, detail="no such widget"), 404
        return jsonify(widgets[widget_id])

    return app


if __name__ == "__main__":
    from waitress import serve

    serve(create_app(), host="127.0.0.1", port=8080)
