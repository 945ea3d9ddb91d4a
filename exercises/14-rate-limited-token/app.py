"""Lesson 14: a rate-limited token endpoint, POST /v1/auth/token, served by a blueprint."""

from flask import Flask

import auth
import problems

DEFAULTS = {
    # Development only: a real deployment reads its key from the environment (lesson 17).
    # HS256 wants a key of at least 32 bytes; PyJWT warns about shorter ones.
    "SECRET_KEY": "dev-only-secret-key-change-me-before-deploying",
    # email -> password, hashed at startup. A demo user so `flaskcourse serve` has someone to
    # log in as; in a real app the users live in a database, already hashed.
    "USERS": {"ada@example.com": "correct horse battery staple"},
    "TOKEN_EXPIRES_IN": 3600,            # seconds a token stays valid
    "LOGIN_ATTEMPTS_PER_WINDOW": 5,      # attempts allowed per IP ...
    "LOGIN_WINDOW_SECONDS": 60,          # ... in this many seconds
}


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    if config:
        app.config.from_mapping(config)

    problems.init_app(app)
    auth.init_app(app)
    # The prefix is decided here, where the app is put together, not inside the blueprint.
    app.register_blueprint(auth.bp, url_prefix="/v1/auth")
    return app


if __name__ == "__main__":
    create_app().run(debug=True)
