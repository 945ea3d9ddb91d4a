from flask import Flask

from auth import bp, init_app as init_auth
from problems import install_error_pages
from ratelimit import SlidingWindowLimiter


def create_app(config=None):
    app = Flask(__name__)
    app.config["SECRET_KEY"] = "dev-only-secret-key-change-me-before-deploying"
    app.config["USERS"] = {"ada@example.com": "correct horse battery staple"}
    if config:
        for key, value in config.items():
            app.config[key] = value

    # One limiter per app, made here and kept on the app.
    app.extensions["rate_limiter"] = SlidingWindowLimiter(max_attempts=5, per_seconds=60)
    init_auth(app)
    install_error_pages(app)
    app.register_blueprint(bp, url_prefix="/v1/auth")
    return app
