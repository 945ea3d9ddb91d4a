"""Lesson 13, repaired with Flask-SQLAlchemy instead of the sqlite3 module.

Flask-SQLAlchemy gives each request its own session (removed when the app context ends) and
keeps a pool of connections per app, so no connection is ever shared between threads.
"""

import re

from flask import Blueprint, Flask, abort, jsonify, request, url_for
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import HTTPException

db = SQLAlchemy()
bp = Blueprint("users", __name__, url_prefix="/users")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


class User(db.Model):
    __tablename__ = "users"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(200), nullable=False)
    email = db.Column(db.String(320), nullable=False, unique=True)

    def to_dict(self):
        return {"id": self.id, "name": self.name, "email": self.email}


def create_app(config=None):
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///users.db"  # in the instance folder
    app.config.from_mapping(config or {})
    db.init_app(app)
    with app.app_context():
        db.create_all()
    app.register_blueprint(bp)

    @app.errorhandler(HTTPException)
    def as_json(error):
        return jsonify(error=error.description, code=error.code), error.code

    return app


@bp.get("")
def list_users():
    return [user.to_dict() for user in db.session.scalars(db.select(User).order_by(User.id))]


@bp.post("")
def create_user():
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        return {"errors": [{"field": "name", "message": "required"},
                           {"field": "email", "message": "required"}]}, 422
    errors = []
    for field in ("name", "email"):
        value = data.get(field)
        if not isinstance(value, str) or not value.strip():
            errors.append({"field": field, "message": "required"})
    if not errors and not EMAIL.fullmatch(data["email"].strip()):
        errors.append({"field": "email", "message": "not a valid email address"})
    if errors:
        return {"errors": errors}, 422

    user = User(name=data["name"].strip(), email=data["email"].strip())
    db.session.add(user)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        abort(409, description="email already registered")
    return user.to_dict(), 201, {"Location": url_for("users.get_user", user_id=user.id, _external=True)}


@bp.get("/<int:user_id>")
def get_user(user_id):
    return db.get_or_404(User, user_id, description="no such user").to_dict()


@bp.delete("/<int:user_id>")
def delete_user(user_id):
    user = db.get_or_404(User, user_id, description="no such user")
    db.session.delete(user)
    db.session.commit()
    return "", 204


if __name__ == "__main__":
    create_app().run()
