"""Lesson 12: an application factory whose every error is an RFC 7807 problem document.

    GET  /widgets            200  [{"id": 1, "name": "Sprocket", "price": 2.5}, ...]
    POST /widgets            201  the new widget; 400 broken JSON, 422 invalid, 429 too many
    GET  /widgets/<id>       200  the widget; 404 when there is none
    GET  /debug/crash        500  on purpose (only when CRASH_ROUTE is on)

Run it:  python app.py   or   flask --app app run   (APP_ENV=production picks ProductionConfig)
"""

import os
from collections.abc import Mapping

from flask import Flask

import errors
import widgets
from config import BY_NAME


def create_app(config=None):
    """Build a new, independent app. Call it twice and you get two apps sharing nothing.

    `config` is a mapping (or a config class) laid over the defaults, so a test can say
    create_app({"TESTING": True, "WRITES_PER_MINUTE": 2}) and get exactly that.
    """
    app = Flask(__name__)
    # 1. Defaults from a class, chosen by the environment (development unless told otherwise).
    app.config.from_object(BY_NAME[os.environ.get("APP_ENV", "development")])
    # 2. Then the caller's overrides, on top. Before anything below reads app.config!
    if isinstance(config, Mapping):
        app.config.from_mapping(config)
    elif config is not None:
        app.config.from_object(config)

    # 3. Per-app state and the pieces of the app, in order.
    widgets.init_app(app)
    errors.register_error_handlers(app)
    app.register_blueprint(widgets.bp)
    if app.config["CRASH_ROUTE"]:
        # Decided here, from config: in production the route does not exist at all (404).
        app.add_url_rule("/debug/crash", "crash", widgets.crash)
    return app


if __name__ == "__main__":
    create_app().run(debug=True)
