"""The club's members: the `db` object and the User model.

Flask-Login stores no users. It keeps what a user's get_id() returns, in the session and in the
remember cookie, and on every request hands that string back to the app's user_loader to get
the user again.
"""

import secrets

from flask_login import UserMixin
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


def new_session_token():
    """A fresh random token (32 random bytes as 43 URL-safe characters): nobody can guess one."""
    return secrets.token_urlsafe(32)


class User(UserMixin, db.Model):
    # UserMixin gives is_authenticated, is_active and is_anonymous, which Flask-Login asks
    # every user object for, and a get_id() that returns str(self.id).
    id = db.Column(db.Integer, primary_key=True)
    # unique=True: the database itself refuses a second "ada", even from two sign-ups sent
    # at the same moment; the register view turns that refusal into a 409.
    username = db.Column(db.String(30), unique=True, nullable=False)
    # Only the hash: werkzeug's generate_password_hash output ("scrypt:32768:8:1$salt$hash").
    password_hash = db.Column(db.String(255), nullable=False)
    # A function as the default (no parentheses): called for every new user.
    session_token = db.Column(db.String(64), unique=True, nullable=False,
                              default=new_session_token)

    # TODO: override get_id() so that it returns self.session_token instead of str(self.id).
    #       Flask-Login puts that value in the session and in the remember cookie; the logout
    #       view will replace the token, so that every older cookie names nobody.
