import logging
import os

from flask import Flask, jsonify, request
from flask.helpers import get_debug_flag

import settings

access = logging.getLogger("widgets.access")
log = logging.getLogger("widgets")


def create_app(config=None):
    name = os.getenv("APP_ENV") or ("development" if get_debug_flag() else "production")
    app = Flask(__name__)
    app.config.from_mapping(settings.load(name))
    app.config.from_mapping(config or {})
    if not app.config["SECRET_KEY"]:
        raise RuntimeError("SECRET_KEY missing from the environment")
    if name == "production":
        logging.basicConfig(level=app.config["LOG_LEVEL"], force=True,
                            format="%(asctime)s | %(levelname)s | %(name)s | %(message)s")

    store = app.extensions.setdefault("widgets", [])

    @app.after_request
    def log_request(response):
        access.info("%s %s %s", request.method, request.path, response.status_code)
        return response

    @app.errorhandler(Exception)
    def on_error(error):
        code = getattr(error, "code", None)
        if isinstance(code, int) and 400 <= code < 500:
            headers = [(k, v) for k, v in error.get_headers() if k.lower() != "content-type"]
            return ({"title": getattr(error, "name", "Error"), "status": code,
                     "detail": getattr(error, "description", "")}, code, headers)
        log.error("unhandled error", exc_info=error)
        return {"title": "Internal Server Error", "status": 500, "detail": "It has been logged."}, 500

    @app.get("/health")
    def health():
        return {"status": "ok"}

    @app.get("/widgets")
    def all_widgets():
        return jsonify(store)

    @app.get("/widgets/<int:widget_id>")
    def one_widget(widget_id):
        if not 1 <= widget_id <= len(store):
            return {"title": "Not Found", "status": 404, "detail": "No such widget."}, 404
        return store[widget_id - 1]

    @app.post("/widgets")
    def add_widget():
        body = request.get_json(silent=True)
        name = body.get("name") if isinstance(body, dict) else None
        if not isinstance(name, str) or not name.strip() or len(name.strip()) > 40:
            return {"title": "Validation Failed", "status": 422,
                    "detail": "A name of 1 to 40 characters, please."}, 422
        store.append({"id": len(store) + 1, "name": name.strip()})
        return store[-1], 201

    return app


if __name__ == "__main__":
    os.environ.setdefault("APP_ENV", "development")
    create_app().run(debug=True)
