import secrets

from flask_login import UserMixin
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


def fresh_token():
    return secrets.token_hex(24)


class Member(UserMixin, db.Model):
    __tablename__ = "members"
    id = db.Column(db.Integer, primary_key=True)
    username = db.Column(db.String(30), unique=True, nullable=False)
    pw_hash = db.Column(db.String(255), nullable=False)
    token = db.Column(db.String(64), nullable=False, default=fresh_token)

    def get_id(self):
        # The row id plus a token the logout replaces.
        return f"{self.id}:{self.token}"
