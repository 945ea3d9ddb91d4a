"""Lesson 02, another way: MethodView classes on a blueprint."""

import re

from flask import Blueprint, Flask, abort, jsonify, request
from flask.views import MethodView
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import HTTPException

from models import Post, db

DEFAULTS = {"SQLALCHEMY_DATABASE_URI": "sqlite:///blog.db"}
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

bp = Blueprint("blog", __name__)


class InvalidPost(Exception):
    def __init__(self, problems):
        super().__init__(problems)
        self.problems = problems


def read_post(body):
    """The cleaned title, slug and content of a new post, or InvalidPost."""
    if not isinstance(body, dict):
        raise InvalidPost({"body": "must be a JSON object"})
    problems, clean = {}, {}
    for field in ("title", "slug", "content"):
        value = body.get(field)
        if type(value) is not str or value.strip() == "":
            problems[field] = "must be a non-blank string"
        else:
            clean[field] = value if field == "slug" else value.strip()
    if "slug" in clean and SLUG.fullmatch(clean["slug"]) is None:
        problems["slug"] = "lowercase letters and digits, joined by single hyphens"
    if problems:
        raise InvalidPost(problems)
    return clean


@bp.app_errorhandler(InvalidPost)
def invalid_post(error):
    return jsonify(message="invalid post", problems=error.problems), 400


@bp.app_errorhandler(HTTPException)
def http_error(error):
    response = jsonify(message=error.description, code=error.code)
    response.status_code = error.code or 500
    return response


class PostList(MethodView):
    def get(self):
        posts = db.session.scalars(db.select(Post).order_by(Post.id)).all()
        return jsonify([p.as_json() for p in posts])

    def post(self):
        fields = read_post(request.get_json(silent=True))
        exists = db.session.scalar(db.select(Post.id).where(Post.slug == fields["slug"]))
        if exists is not None:
            abort(409, description="slug already in use")
        post = Post(**fields)
        db.session.add(post)
        try:
            db.session.commit()
        except IntegrityError:
            db.session.rollback()
            abort(409, description="slug already in use")
        return jsonify(post.as_json()), 201


class PostItem(MethodView):
    def get(self, slug):
        post = db.first_or_404(db.select(Post).where(Post.slug == slug),
                               description=f"no post {slug!r}")
        return jsonify(post.as_json())


bp.add_url_rule("/posts", view_func=PostList.as_view("posts"))
bp.add_url_rule("/posts/<slug>", view_func=PostItem.as_view("post"))


def create_app(config=None):
    app = Flask(__name__)
    app.config.update(DEFAULTS)
    app.config.update(config or {})
    db.init_app(app)
    app.register_blueprint(bp)
    with app.app_context():
        db.create_all()
    return app


if __name__ == "__main__":
    create_app().run(debug=True)
