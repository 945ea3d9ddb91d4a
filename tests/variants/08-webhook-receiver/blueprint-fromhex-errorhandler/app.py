import os

from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException

import webhooks


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(WEBHOOK_SECRET=os.environ.get("WEBHOOK_SECRET", "dev-webhook-secret-change-me"))
    app.config.from_mapping(config or {})
    app.extensions["event_log"] = webhooks.EventLog()
    app.register_blueprint(webhooks.bp)

    @app.errorhandler(HTTPException)
    def as_json(error):
        return jsonify(error=error.name, detail=error.description), error.code

    return app


if __name__ == "__main__":
    create_app().run()
