"""Members, in SQLAlchemy 2.0's typed style; get_id() is a token the logout replaces."""

import secrets

from flask_login import UserMixin
from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from extensions import db


def fresh_token() -> str:
    """A random token nobody can guess."""
    return secrets.token_hex(24)


class Member(UserMixin, db.Model):
    __tablename__ = "members"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    token: Mapped[str] = mapped_column(String(64), unique=True, default=fresh_token)

    @property
    def username(self) -> str:
        return self.name

    def get_id(self) -> str:
        """The token, not the id: a logout replaces it, and every older cookie dies."""
        return self.token
