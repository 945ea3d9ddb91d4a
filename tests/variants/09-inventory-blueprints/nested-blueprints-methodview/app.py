"""Inventory API: the versions are child blueprints of one parent `api` blueprint."""

from flask import Flask

from versions import api

from inventory import SAMPLE_ITEMS as SAMPLE


def create_app(config=None):
    app = Flask(__name__)
    app.config["INVENTORY"] = SAMPLE
    app.config.update(config or {})
    # A private copy per app: nothing a request does can change the config's list.
    app.extensions["inventory"] = [dict(item) for item in app.config["INVENTORY"]]
    app.register_blueprint(api)
    return app


if __name__ == "__main__":
    create_app().run()
