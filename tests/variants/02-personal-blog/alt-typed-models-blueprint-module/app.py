from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException

from models import db
from routes import posts


def create_app(config=None):
    app = Flask(__name__)
    app.config.update(config or {})
    app.config.setdefault("SQLALCHEMY_DATABASE_URI", "sqlite:///blog.db")
    db.init_app(app)
    app.register_blueprint(posts)

    @app.errorhandler(HTTPException)
    def http_error(error):
        return jsonify(message=error.description), error.code

    with app.app_context():
        db.create_all()
    return app


if __name__ == "__main__":
    create_app().run(debug=True)
