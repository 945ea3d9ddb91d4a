"""The Flask Club: the factory, the pages and the API. Accounts live in auth.py."""
import secrets

from flask import Blueprint, Flask, jsonify, render_template
from flask_login import current_user, login_required
from werkzeug.security import generate_password_hash

import auth
from models import db

api = Blueprint("api", __name__, url_prefix="/api")


@api.errorhandler(401)
def unauthorized_json(_):
    return jsonify(error="login required"), 401


@api.get("/me")
@login_required
def me():
    return jsonify(username=current_user.username)


def create_app(config=None):
    app = Flask(__name__)
    app.config["SECRET_KEY"] = "dev-secret-change-me"
    app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///club.db"
    app.config.update(auth.COOKIE_SETTINGS)
    app.config.update(config or {})
    db.init_app(app)
    with app.app_context():
        db.create_all()
    auth.manager.init_app(app)
    app.register_blueprint(auth.bp)
    app.register_blueprint(api)
    app.extensions["decoy_hash"] = generate_password_hash(secrets.token_hex(16))

    @app.get("/")
    def home():
        return render_template("home.html")

    @app.get("/dashboard")
    @login_required
    def dashboard():
        return render_template("dashboard.html")

    return app
