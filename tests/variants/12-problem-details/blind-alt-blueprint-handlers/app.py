import os

from flask import Flask

import config as cfg
import errors
import widgets


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_object(cfg.pick(os.environ.get("APP_ENV")))
    if config:
        app.config.update(dict(config))
    app.extensions["widgets"] = widgets.Widgets(app.config["WRITES_PER_MINUTE"])
    app.register_blueprint(errors.bp)
    app.register_blueprint(widgets.bp)
    if app.config["CRASH_ROUTE"]:
        app.add_url_rule("/debug/crash", view_func=widgets.crash)
    return app


if __name__ == "__main__":
    create_app().run(debug=True)
