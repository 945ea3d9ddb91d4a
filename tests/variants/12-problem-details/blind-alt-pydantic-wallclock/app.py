import os

from flask import Flask

import errors
import widgets

CONFIG_FOR_ENV = {
    None: "config.Config",
    "development": "config.Config",
    "testing": "config.TestConfig",
    "production": "config.ProductionConfig",
}


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_object(CONFIG_FOR_ENV[os.environ.get("APP_ENV")])
    if config is not None:
        app.config.from_mapping(config)
    errors.install(app)
    widgets.install(app)
    if app.config["CRASH_ROUTE"]:
        @app.get("/debug/crash")
        def crash():
            raise KeyError("postgres://admin:hunter2@db/widgets")
    return app


if __name__ == "__main__":
    create_app().run(debug=True)
