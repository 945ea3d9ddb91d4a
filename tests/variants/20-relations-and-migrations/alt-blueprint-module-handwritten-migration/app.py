"""The bookshop's factory: config, extensions, the blueprint, JSON errors."""

import os

from flask import Flask
from flask_migrate import Migrate
from werkzeug.exceptions import HTTPException

from models import db
from views import bp


def create_app(config=None):
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///bookshop.db"
    if config is not None:
        app.config.update(config)
    db.init_app(app)
    Migrate(app, db, directory=os.path.join(app.root_path, "migrations"))
    app.register_blueprint(bp)

    @app.errorhandler(HTTPException)
    def error(e):
        return {"error": e.description}, e.code

    return app
