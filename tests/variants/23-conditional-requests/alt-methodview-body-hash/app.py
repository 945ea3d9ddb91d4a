"""Factory: config, the optional proxy fix, the database, the routes and JSON errors."""

from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

import views
from models import db


def behind_proxies(app):
    """Believe X-Forwarded-* only as far as config says proxies stand in front."""
    count = app.config.get("TRUSTED_PROXIES") or 0
    if count >= 1:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)


def create_app(config=None):
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///articles.db"
    if config is not None:
        app.config.from_mapping(config)
    behind_proxies(app)
    db.init_app(app)
    with app.app_context():
        db.create_all()
    views.init_app(app)

    @app.errorhandler(HTTPException)
    def http_error(exc):
        response = exc.get_response()
        response.set_data(jsonify(error=exc.description).get_data())
        response.mimetype = "application/json"
        return response

    return app
