from flask import Flask

import newsletter


def create_app(config=None):
    app = Flask(__name__)
    app.config["SECRET_KEY"] = "dev only"
    app.config.from_mapping(config or {})
    app.extensions["subscribers"] = {}
    app.register_blueprint(newsletter.bp)
    return app


if __name__ == "__main__":
    create_app().run(debug=True)
