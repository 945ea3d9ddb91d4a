"""Blog API: config via setdefault, one view per URL branching on the method, errors via abort."""

import re
import string

from flask import Blueprint, Flask, abort, jsonify, request
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import HTTPException

from models import Post, db

bp = Blueprint("blog", __name__, url_prefix="/posts")

ALLOWED = set(string.ascii_lowercase + string.digits)


def slug_ok(slug):
    parts = slug.split("-")
    return all(part and set(part) <= ALLOWED for part in parts)


def text_field(data, name):
    value = data.get(name)
    if not isinstance(value, str) or len(value.strip()) == 0:
        abort(400, description=f"{name}: a non-empty string is required")
    return value


@bp.route("", methods=["GET", "POST"])
def posts():
    if request.method == "GET":
        found = db.session.execute(db.select(Post).order_by(Post.id.desc())).scalars().all()
        return jsonify([p.to_dict() for p in found])
    data = request.get_json(silent=True)
    if type(data) is not dict:
        abort(400, description="a JSON object is required")
    title = text_field(data, "title")
    slug = text_field(data, "slug")
    content = text_field(data, "content")
    if not slug_ok(slug):
        abort(400, description="slug: lowercase letters, digits and single hyphens")
    post = Post(title=title.strip(), slug=slug, content=content)
    try:
        db.session.add(post)
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        abort(409, description="slug already in use")
    return jsonify(post.to_dict()), 201


@bp.route("/<slug>")
def post_detail(slug):
    post = db.session.execute(db.select(Post).where(Post.slug == slug)).scalar()
    if post is None:
        abort(404, description="no such post")
    return jsonify(post.to_dict())


def create_app(config=None):
    app = Flask(__name__)
    if config:
        app.config.update(config)
    app.config.setdefault("SQLALCHEMY_DATABASE_URI", "sqlite:///blog.db")
    db.init_app(app)
    app.register_blueprint(bp)
    app.register_error_handler(
        HTTPException,
        lambda e: (jsonify(error=e.description, status=e.code), e.code, dict(
            (k, v) for k, v in e.get_headers() if k.lower() != "content-type")))
    with app.app_context():
        db.create_all()
    return app


if __name__ == "__main__":
    create_app().run(debug=True)
