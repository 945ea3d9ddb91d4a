"""Factory: config class by APP_ENV, the caller's mapping on top, then errors and widgets."""

import os

from flask import Flask

import config as settings
import errors
import widgets

CLASSES = {"development": settings.Config, "testing": settings.TestConfig,
           "production": settings.ProductionConfig}


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_object(CLASSES[os.environ.get("APP_ENV", "development")])
    app.config.from_mapping(config or {})
    errors.init_app(app)
    widgets.init_app(app)
    return app


if __name__ == "__main__":
    create_app().run(debug=True)
