import re

from flask import Blueprint, Flask, abort, jsonify, request
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import HTTPException

from models import Post, db

DEFAULTS = {"SQLALCHEMY_DATABASE_URI": "sqlite:///blog.db"}
SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

bp = Blueprint("blog", __name__)


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    app.config.from_mapping(config or {})
    db.init_app(app)
    with app.app_context():
        db.create_all()
    app.register_blueprint(bp)
    app.register_error_handler(HTTPException, lambda e: (jsonify(error=e.description), e.code))
    return app


def problem(body):
    """None when the body can become a post, else (status, message)."""
    if not isinstance(body, dict):
        return 400, "the body must be a JSON object"
    for name in ("title", "slug", "content"):
        value = body.get(name)
        if not isinstance(value, str) or value.isspace() or value == "":
            return 422, f"{name}: a non-empty string is required"
    if not SLUG_RE.fullmatch(body["slug"]):
        return 422, "slug: lowercase letters, digits and single hyphens only"
    return None


@bp.post("/posts")
def new_post():
    body = request.get_json(silent=True)
    found = problem(body)
    if found:
        status, message = found
        return jsonify(error=message), status
    post = Post(title=body["title"].strip(), slug=body["slug"], content=body["content"])
    db.session.add(post)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        abort(409, "that slug is taken")
    return jsonify(post.to_dict()), 201


@bp.get("/posts")
def all_posts():
    return jsonify([p.to_dict() for p in db.session.scalars(db.select(Post))])


@bp.get("/posts/<slug>")
def one_post(slug):
    post = db.session.scalar(db.select(Post).where(Post.slug == slug))
    if post is None:
        abort(404, "no such post")
    return jsonify(post.to_dict())


if __name__ == "__main__":
    create_app().run(debug=True)
