"""Lesson 13, repaired with Flask-SQLAlchemy: a session per request, a pool per app."""

import os
import re

from flask import Blueprint, Flask, abort, jsonify, request, url_for
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import String, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.exceptions import HTTPException

db = SQLAlchemy()
users = Blueprint("users", __name__, url_prefix="/users")
EMAIL = re.compile(r"\S+@\S+\.\S+")


class User(db.Model):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String, nullable=False)
    email: Mapped[str] = mapped_column(String, nullable=False, unique=True)

    def to_json(self):
        return {"id": self.id, "name": self.name, "email": self.email}


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(DATABASE=os.path.join(app.instance_path, "users.db"))
    app.config.from_mapping(config or {})
    if "SQLALCHEMY_DATABASE_URI" not in (config or {}):
        app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///" + os.path.abspath(app.config["DATABASE"])
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    if url.startswith("sqlite:///"):
        folder = os.path.dirname(url.removeprefix("sqlite:///"))
        if folder:
            os.makedirs(folder, exist_ok=True)
    db.init_app(app)
    with app.app_context():
        db.create_all()
    app.register_blueprint(users)

    @app.errorhandler(HTTPException)
    def as_json(exc):
        response = exc.get_response()
        response.set_data(jsonify(error=exc.name, detail=exc.description).get_data())
        response.mimetype = "application/json"
        return response

    return app


def problem(status, **body):
    return jsonify(body), status


@users.get("")
def index():
    return jsonify([u.to_json() for u in db.session.scalars(select(User).order_by(User.id))])


@users.post("")
def create():
    payload = request.get_json()  # 415 / 400 become JSON through the handler
    if not isinstance(payload, dict):
        payload = {}
    fields = {}
    cleaned = {}
    for key in ("name", "email"):
        value = payload.get(key)
        if not isinstance(value, str) or not value.strip():
            fields[key] = "missing or empty"
        else:
            cleaned[key] = value.strip()
    if "email" in cleaned and not EMAIL.fullmatch(cleaned["email"]):
        fields["email"] = "not an email address"
    if fields:
        return problem(422, error="Some fields are missing or invalid.", fields=fields)
    user = User(**cleaned)
    db.session.add(user)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return problem(409, error="That email is already taken.", fields={"email": "taken"})
    location = url_for("users.show", user_id=user.id, _external=True)
    return jsonify(user.to_json()), 201, {"Location": location}


@users.get("/<int:user_id>")
def show(user_id):
    return jsonify(db.get_or_404(User, user_id, description="No such user.").to_json())


@users.delete("/<int:user_id>")
def destroy(user_id):
    user = db.get_or_404(User, user_id, description="No such user.")
    db.session.delete(user)
    db.session.commit()
    return "", 204


if __name__ == "__main__":
    create_app().run(debug=True)
