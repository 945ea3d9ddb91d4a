"""Lesson 02 reference: a personal blog whose posts live in a SQLite database.

    POST /posts           create a post from {"title", "slug", "content"}  -> 201 + the post
    GET  /posts           every post, newest first                          -> 200 + a JSON list
    GET  /posts/<slug>    one post                                          -> 200, or 404

A duplicate slug is a 409, a bad body a 400 or 422; every error answers with JSON.

Run it with `python app.py` or `flask --app app run`. The database is instance/blog.db unless
the config passed to create_app() names another one.
"""

import json
import re

from flask import Blueprint, Flask, abort, request, url_for
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import HTTPException

from models import Post, db

DEFAULTS = {
    # A relative SQLite path: Flask-SQLAlchemy puts it in the app's instance folder
    # (instance/blog.db next to this file) and creates that folder when needed.
    "SQLALCHEMY_DATABASE_URI": "sqlite:///blog.db",
}

# A slug goes into URLs: lowercase words of letters and digits joined by single hyphens.
# No spaces, no slashes: "/posts/<slug>" could never match a slug with a slash in it.
SLUG_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
REQUIRED = ("title", "slug", "content")

# The routes live on a Blueprint: a set of routes that is not tied to one app. create_app()
# attaches it to every app it builds, which a module-level `app` could not do.
bp = Blueprint("posts", __name__)


def create_app(config=None):
    app = Flask(__name__)
    # Defaults first, then the caller's config on top: the checks (and later, production)
    # decide which database to use, and the defaults only fill in what they leave out.
    app.config.from_mapping(DEFAULTS)
    if config:
        app.config.from_mapping(config)

    db.init_app(app)
    # create_all() needs to know which app (and so which database) it works on: that is what
    # the app context tells it. It creates the tables that are missing and leaves existing
    # ones, and their rows, alone, so calling it at every start is safe.
    with app.app_context():
        db.create_all()

    app.register_blueprint(bp)
    app.register_error_handler(HTTPException, error_as_json)
    return app


def error_as_json(error):
    """Answer every HTTP error (400, 404, 405, 409, ...) with JSON instead of an HTML page."""
    response = error.get_response()  # keeps the headers Flask set, e.g. Allow on a 405
    response.data = json.dumps({"error": error.description, "status": error.code})
    response.content_type = "application/json"
    return response


def field_problems(data):
    """What is wrong with the fields of a new post, as {field: message}; empty when all is well."""
    problems = {}
    for name in REQUIRED:
        value = data.get(name)
        # isinstance first: {"title": 42} is valid JSON, and 42 has no .strip().
        if not isinstance(value, str) or not value.strip():
            problems[name] = "required: a non-empty string"
    slug = data.get("slug")
    if "slug" not in problems and not SLUG_PATTERN.fullmatch(slug):
        problems["slug"] = "use lowercase letters, digits and single hyphens, e.g. hello-world"
    return problems


@bp.post("/posts")
def create_post():
    # silent=True: a body that is not JSON gives None instead of Flask's own 415 page.
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        abort(400, description='send a JSON object: {"title": ..., "slug": ..., "content": ...}')
    problems = field_problems(data)
    if problems:
        # 422: the body is well-formed JSON, but its content cannot become a post.
        return {"error": "the post is not valid", "fields": problems, "status": 422}, 422

    post = Post(title=data["title"].strip(), slug=data["slug"], content=data["content"])
    db.session.add(post)  # staged in the session: nothing is written yet
    try:
        db.session.commit()  # now the INSERT runs, and the UNIQUE constraint has its say
    except IntegrityError:
        # The failed commit leaves the session unusable: every later query in it raises
        # PendingRollbackError until someone calls rollback(). Flask-SQLAlchemy throws the
        # session away at the end of a request, but a CLI command, a test or a script that
        # keeps one app context open goes on using this very session. Roll back, always.
        db.session.rollback()
        # The fields were all checked above, so the only constraint left to break is the
        # unique slug. Asking the database (instead of looking the slug up first) also wins
        # the race where two requests create the same slug at the same moment.
        abort(409, description=f"a post with the slug {data['slug']!r} already exists")

    # 201 Created with the post as stored (its id and created_at come from the database), and
    # a Location header pointing at the new post's own URL.
    return post.to_dict(), 201, {"Location": url_for("posts.get_post", slug=post.slug)}


@bp.get("/posts")
def list_posts():
    query = db.select(Post).order_by(Post.created_at.desc(), Post.id.desc())
    posts = db.session.execute(query).scalars()
    return [post.to_dict() for post in posts]


@bp.get("/posts/<slug>")
def get_post(slug):
    query = db.select(Post).filter_by(slug=slug)
    # scalar_one_or_none(): the post, or None when no row matches (never an exception for
    # "not found"). db.first_or_404(query) would do the lookup and the abort in one call.
    post = db.session.execute(query).scalar_one_or_none()
    if post is None:
        abort(404, description=f"there is no post with the slug {slug!r}")
    return post.to_dict()


if __name__ == "__main__":
    # Only when run as `python app.py`; `flask --app app run` and the checks import the
    # module and call create_app() themselves.
    create_app().run(debug=True)
