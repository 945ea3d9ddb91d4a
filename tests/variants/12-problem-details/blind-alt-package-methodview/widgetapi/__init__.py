import os

from flask import Flask

from config import CONFIGS, Config

from .problems import problems
from .resources import resources
from .state import WidgetState


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_object(CONFIGS.get(os.environ.get("APP_ENV", ""), Config))
    app.config.update(config or {})
    app.extensions["widget_state"] = WidgetState(app.config["WRITES_PER_MINUTE"])
    app.register_blueprint(problems)
    app.register_blueprint(resources)
    return app
