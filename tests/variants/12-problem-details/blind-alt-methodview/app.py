import os

from flask import Flask

import config
import errors
import widgets


def create_app(config_overrides=None):
    app = Flask(__name__)
    name = {"production": "ProductionConfig", "testing": "TestConfig"}.get(
        os.environ.get("APP_ENV", ""), "Config")
    app.config.from_object(getattr(config, name))
    if config_overrides is not None:
        app.config.update(config_overrides)
    widgets.setup(app)
    errors.register(app)
    return app


if __name__ == "__main__":
    create_app().run(debug=True)
