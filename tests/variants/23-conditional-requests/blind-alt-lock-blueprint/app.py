from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from models import db
from views import api

DEFAULTS = {"SQLALCHEMY_DATABASE_URI": "sqlite:///articles.db", "TRUSTED_PROXIES": 0}


def create_app(config=None):
    app = Flask(__name__)
    app.config.update(DEFAULTS, **(config or {}))
    if app.config["TRUSTED_PROXIES"]:
        hops = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    db.init_app(app)
    with app.app_context():
        db.create_all()
    app.register_blueprint(api)

    @app.errorhandler(HTTPException)
    def http_error(exc):
        response = exc.get_response()
        response.data = jsonify({"error": exc.description, "status": exc.code}).get_data()
        response.content_type = "application/json"
        return response

    return app
