"""Lesson 12: an application factory whose every error is an RFC 7807 problem document.

    GET  /widgets            200  [{"id": 1, "name": "Sprocket", "price": 2.5}, ...]
    POST /widgets            201  the new widget; 400 broken JSON, 422 invalid, 429 too many
    GET  /widgets/<id>       200  the widget; 404 when there is none
    GET  /debug/crash        500  on purpose (only when CRASH_ROUTE is on)

Run it:  python app.py   or   flask --app app run
"""

from flask import Flask

import errors
import widgets
from config import Config


def create_app(config=None):
    """Build a new, independent app. `config` is a mapping laid over the defaults."""
    app = Flask(__name__)
    app.config.from_object(Config)
    # TODO: lay `config` on top of the defaults (if it was given), before anything below
    #       reads app.config. (Going further: pick the class from os.environ["APP_ENV"].)

    widgets.init_app(app)
    errors.register_error_handlers(app)
    app.register_blueprint(widgets.bp)
    # TODO: register GET /debug/crash (widgets.crash) only when app.config["CRASH_ROUTE"] is
    #       true: app.add_url_rule("/debug/crash", "crash", widgets.crash)
    return app


if __name__ == "__main__":
    create_app().run(debug=True)
