import os

from flask import Flask

from api import Store, api
from problems import handle_any


def create_app(config=None):
    app = Flask(__name__)
    chosen = {"production": "ProductionConfig", "testing": "TestingConfig"}.get(
        os.environ.get("APP_ENV"), "DevConfig")
    app.config.from_object(f"settings.{chosen}")
    if config:
        app.config.from_mapping(config)
    app.store = Store()
    app.register_blueprint(api)
    app.register_error_handler(Exception, handle_any)
    return app


if __name__ == "__main__":
    create_app().run()
