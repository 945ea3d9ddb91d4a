"""Lesson 02: a personal blog whose posts live in a SQLite database.

Build these three routes (read the lesson with `flaskcourse read 02`):

    POST /posts           create a post from {"title", "slug", "content"}  -> 201 + the post
    GET  /posts           every post                                        -> 200 + a JSON list
    GET  /posts/<slug>    one post                                          -> 200, or 404

A post looks like {"id": 1, "title": "Hello World", "slug": "hello-world",
"content": "...", "created_at": "2025-11-25T09:30:00.123456+00:00"}.
A slug already taken is a 409; a body with a field missing is a 400 or 422; every error
answers with JSON.

This file runs as it is (`python app.py` or `flask --app app run`), but the routes only answer
501 Not Implemented. Fill in models.py, then replace each TODO here, then run
`flaskcourse check 02`.
"""

from flask import Blueprint, Flask, abort, jsonify, request  # noqa: F401  (you will need them)
from sqlalchemy.exc import IntegrityError  # noqa: F401  (what a failed UNIQUE constraint raises)

from models import Post, db  # noqa: F401

DEFAULTS = {
    # A relative SQLite path: Flask-SQLAlchemy puts it in the app's instance folder
    # (instance/blog.db next to this file) and creates that folder when needed.
    "SQLALCHEMY_DATABASE_URI": "sqlite:///blog.db",
}

# The routes live on a Blueprint: a set of routes that create_app() attaches to every app it
# builds. Write them with @bp.get / @bp.post exactly as you wrote @app.get / @app.post.
bp = Blueprint("posts", __name__)


def create_app(config=None):
    app = Flask(__name__)
    # Defaults first, then the caller's config on top: the checks hand you a temporary
    # database this way, and it must win over the default.
    app.config.from_mapping(DEFAULTS)
    if config:
        app.config.from_mapping(config)

    db.init_app(app)
    # TODO: create the tables when the app starts. db.create_all() needs an application
    #       context to know which database to use: `with app.app_context(): ...`

    app.register_blueprint(bp)
    # TODO: make every error answer with JSON instead of Flask's HTML page (lesson 01 did
    #       this with an error handler for HTTPException: app.register_error_handler(...)).
    return app


def not_implemented(what):
    return jsonify(error=f"{what} is not written yet"), 501


@bp.post("/posts")
def create_post():
    # TODO: read the body with request.get_json(silent=True); anything but a dict is a 400.
    # TODO: title, slug and content must each be a string with something in it; the slug
    #       only lowercase letters, digits and single hyphens. Otherwise 400 or 422.
    # TODO: build a Post, db.session.add() it, db.session.commit(). When the commit raises
    #       IntegrityError, the slug is taken: db.session.rollback(), then answer 409.
    # TODO: answer with post.to_dict() and the status 201.
    return not_implemented("POST /posts")


@bp.get("/posts")
def list_posts():
    # TODO: every post, as a list of dicts: db.session.execute(db.select(Post)).scalars()
    return not_implemented("GET /posts")


@bp.get("/posts/<slug>")
def get_post(slug):
    # TODO: the post whose slug matches, or a 404 (as JSON) when there is none.
    return not_implemented("GET /posts/<slug>")


if __name__ == "__main__":
    create_app().run(debug=True)
