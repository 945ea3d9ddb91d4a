"""Lesson 08 in blueprint style: the views live in receiver/views.py, the log in receiver/events.py."""

import os

from flask import Flask

from receiver.events import EventLog
from receiver.views import bp

DEFAULT_SECRET = "dev-webhook-secret-change-me"  # development only


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(WEBHOOK_SECRET=os.environ.get("WEBHOOK_SECRET", DEFAULT_SECRET))
    app.config.from_mapping(config or {})
    EventLog().init_app(app)
    app.register_blueprint(bp)
    return app


if __name__ == "__main__":
    create_app().run(debug=True)
