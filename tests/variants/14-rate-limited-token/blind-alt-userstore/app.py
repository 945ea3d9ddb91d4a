from flask import Flask

from auth import bp as auth_bp, init_app as init_auth
from problems import init_app as init_problems


def create_app(config=None):
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY="dev-only-secret-key-change-me-before-deploying",
        USERS={"ada@example.com": "correct horse battery staple"},
    )
    if config is not None:
        app.config.update(config)
    init_problems(app)
    init_auth(app)
    app.register_blueprint(auth_bp, url_prefix="/v1/auth")
    return app


if __name__ == "__main__":
    create_app().run(debug=True)
