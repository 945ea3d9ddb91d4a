"""The widgets API in one module, ready for:  SECRET_KEY=... waitress-serve --call app:create_app"""

import logging.config
import os
import threading
import time

from flask import Flask, g, jsonify, request
from flask.helpers import get_debug_flag
from werkzeug.exceptions import HTTPException, InternalServerError

SETTINGS = {
    "development": {"DEBUG": False, "TESTING": False, "SECRET_KEY": "dev-key-only-on-laptops",
                    "NAME_MAX": 40},
    "production": {"DEBUG": False, "TESTING": False, "SECRET_KEY": None, "NAME_MAX": 40},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"iso": {"format": "%(levelname)s %(asctime)s %(name)s %(message)s",
                           "datefmt": "%Y-%m-%dT%H:%M:%S%z"}},
    "handlers": {"err": {"class": "logging.StreamHandler", "stream": "ext://sys.stderr",
                         "formatter": "iso"}},
    "root": {"level": "INFO", "handlers": ["err"]},
}


class ConfigurationError(Exception):
    """The environment does not describe a runnable app: refuse to start."""


def _environment():
    chosen = os.environ.get("APP_ENV") or None
    if chosen is None:
        return "development" if get_debug_flag() else "production"
    if chosen not in SETTINGS:
        raise ConfigurationError(
            f"APP_ENV={chosen!r} is not a known environment ({' or '.join(SETTINGS)}).")
    return chosen


def _problem(status, title, detail, headers=()):
    response = jsonify(type="about:blank", title=title, status=status, detail=detail)
    response.status_code = status
    response.content_type = "application/problem+json"
    for key, value in headers:
        if key.lower() != "content-type":
            response.headers[key] = value
    return response


def create_app(config=None):
    env = _environment()
    if env == "production":
        logging.config.dictConfig(LOGGING)

    app = Flask(__name__)
    app.config.update(SETTINGS[env])
    if env == "production":
        app.config["SECRET_KEY"] = os.environ.get("SECRET_KEY")
    app.config.update(config or {})
    if not app.config.get("SECRET_KEY"):
        raise ConfigurationError("No SECRET_KEY: set the SECRET_KEY environment variable.")

    widgets, next_id, lock = {}, [1], threading.Lock()

    @app.before_request
    def clock_in():
        g.began = time.perf_counter()

    @app.after_request
    def access_line(response):
        ms = (time.perf_counter() - g.get("began", time.perf_counter())) * 1000
        app.logger.info("client=%s method=%s path=%s status=%s ms=%.1f", request.remote_addr,
                        request.method, request.path, response.status_code, ms)
        return response

    @app.errorhandler(HTTPException)
    def http_error(error):
        return _problem(error.code or 500, error.name, error.description, error.get_headers())

    @app.errorhandler(InternalServerError)
    def server_error(error):
        # Flask logs the original exception (ERROR, traceback) before it calls this.
        return _problem(500, "Internal Server Error", "Something broke on our side; it is logged.")

    @app.get("/health")
    def health():
        return {"status": "ok"}

    @app.get("/widgets")
    def list_widgets():
        with lock:
            return jsonify([widgets[k] for k in sorted(widgets)])

    @app.post("/widgets")
    def add_widget():
        data = request.get_json(silent=True)
        if not isinstance(data, dict):
            return _problem(422, "Unprocessable Content", "Send a JSON object.")
        name = data.get("name")
        if not isinstance(name, str) or not name.strip():
            return _problem(422, "Unprocessable Content", "name must be a non-blank string.")
        if len(name.strip()) > app.config["NAME_MAX"]:
            return _problem(422, "Unprocessable Content",
                            f"name is limited to {app.config['NAME_MAX']} characters.")
        with lock:
            widget = {"id": next_id[0], "name": name.strip()}
            widgets[widget["id"]] = widget
            next_id[0] += 1
        return widget, 201

    @app.get("/widgets/<int:widget_id>")
    def one_widget(widget_id):
        widget = widgets.get(widget_id)
        if widget is None:
            return _problem(404, "Not Found", f"There is no widget {widget_id}.")
        return widget

    return app


if __name__ == "__main__":
    os.environ.setdefault("APP_ENV", "development")
    create_app().run(debug=True)
