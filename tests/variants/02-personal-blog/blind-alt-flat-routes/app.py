from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException

from blog_views import posts
from models import db

DEFAULTS = {"SQLALCHEMY_DATABASE_URI": "sqlite:///blog.db"}


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    if config is not None:
        app.config.from_mapping(config)

    @app.errorhandler(HTTPException)
    def http_error(e):
        return jsonify(error=e.description, status=e.code), e.code

    db.init_app(app)
    with app.app_context():
        db.create_all()
    app.register_blueprint(posts)
    return app


if __name__ == "__main__":
    create_app().run(debug=True)
