"""The users API repaired with Flask-SQLAlchemy: a session per request, a pool per app."""

import os
import re

from flask import Flask, jsonify, request, url_for
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import String, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.exceptions import HTTPException

db = SQLAlchemy()  # the extension object: it holds no connection of its own
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


class User(db.Model):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String, nullable=False)
    email: Mapped[str] = mapped_column(String, nullable=False, unique=True)

    def to_json(self):
        return {"id": self.id, "name": self.name, "email": self.email}


def problems_in(data):
    found = {}
    for key in ("name", "email"):
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            found[key] = "required"
    if "email" not in found and not EMAIL.fullmatch(data["email"].strip()):
        found["email"] = "malformed"
    return found


def create_app(config=None):
    app = Flask(__name__)
    app.config["DATABASE"] = os.path.join(app.instance_path, "users.db")
    app.config.update(config or {})
    # The checks set SQLALCHEMY_DATABASE_URI; without it, follow DATABASE.
    app.config.setdefault("SQLALCHEMY_DATABASE_URI",
                          "sqlite:///" + os.path.abspath(app.config["DATABASE"]))
    os.makedirs(os.path.dirname(os.path.abspath(app.config["DATABASE"])), exist_ok=True)
    db.init_app(app)
    with app.app_context():
        db.create_all()

    @app.errorhandler(HTTPException)
    def json_error(exc):
        response = exc.get_response()
        response.set_data(jsonify(error=exc.description, status=exc.code).get_data())
        response.mimetype = "application/json"
        return response

    @app.route("/users", methods=["GET"])
    def list_users():
        users = db.session.scalars(select(User).order_by(User.id)).all()
        return jsonify([u.to_json() for u in users])

    @app.route("/users", methods=["POST"])
    def create_user():
        data = request.get_json(silent=True)
        if not isinstance(data, dict):
            data = {}
        problems = problems_in(data)
        if problems:
            return jsonify(error="invalid input", fields=problems), 422
        user = User(name=data["name"].strip(), email=data["email"].strip())
        db.session.add(user)
        try:
            db.session.commit()
        except IntegrityError:
            db.session.rollback()
            return jsonify(error="email already registered", field="email"), 409
        return (jsonify(user.to_json()), 201,
                {"Location": url_for("get_user", user_id=user.id)})

    @app.route("/users/<int:user_id>", methods=["GET"])
    def get_user(user_id):
        return jsonify(db.get_or_404(User, user_id, description=f"no user {user_id}").to_json())

    @app.route("/users/<int:user_id>", methods=["DELETE"])
    def delete_user(user_id):
        user = db.get_or_404(User, user_id, description=f"no user {user_id}")
        db.session.delete(user)
        db.session.commit()
        return "", 204

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
