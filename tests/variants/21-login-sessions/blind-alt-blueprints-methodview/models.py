"""Members of the Flask Club."""

import secrets

from flask_login import UserMixin
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import select

db = SQLAlchemy()


def new_session_token():
    return secrets.token_urlsafe(32)


class User(UserMixin, db.Model):
    __tablename__ = "user"

    id = db.Column(db.Integer, primary_key=True)
    username = db.Column(db.String(30), unique=True, nullable=False)
    password_hash = db.Column(db.String(255), nullable=False)
    session_token = db.Column(db.String(64), unique=True, nullable=False,
                              default=new_session_token)

    # Flask-Login's "alternative token": what goes into the session and the remember cookie.
    def get_id(self):
        return self.session_token

    def rotate_token(self):
        """Invalidate every cookie that names this user (all devices)."""
        self.session_token = new_session_token()

    @classmethod
    def by_username(cls, username):
        return db.session.scalars(select(cls).where(cls.username == username)).first()

    @classmethod
    def by_token(cls, token):
        return db.session.scalars(select(cls).where(cls.session_token == token)).first()
