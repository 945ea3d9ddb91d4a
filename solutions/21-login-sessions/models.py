"""The club's members: the `db` object and the User model.

Flask-Login stores no users. It keeps what a user's get_id() returns, in the session and in the
remember cookie, and on every request hands that string back to the app's user_loader to get
the user again. Here get_id() returns a random session token rather than the row's id: the
logout view replaces the token, and every copy of an older cookie then names nobody.
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
    # every user object for, and a get_id() that returns str(self.id): replaced below.
    id = db.Column(db.Integer, primary_key=True)
    # unique=True: the database itself refuses a second "ada", even from two sign-ups sent
    # at the same moment; the register view turns that refusal into a 409.
    username = db.Column(db.String(30), unique=True, nullable=False)
    # Only the hash: werkzeug's generate_password_hash output ("scrypt:32768:8:1$salt$hash").
    password_hash = db.Column(db.String(255), nullable=False)
    # A function as the default (no parentheses): called for every new user.
    session_token = db.Column(db.String(64), unique=True, nullable=False,
                              default=new_session_token)

    def get_id(self):
        """What Flask-Login keeps in the session and the remember cookie: the session token.

        The id of a row never changes, so a cookie that carries it would work for as long as
        the account exists. The token changes at every logout, and old cookies die with it.
        """
        return self.session_token
