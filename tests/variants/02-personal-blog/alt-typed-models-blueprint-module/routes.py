import re

from flask import Blueprint, jsonify, request
from sqlalchemy.exc import IntegrityError

from models import Post, db

posts = Blueprint("posts", __name__, url_prefix="/posts")


def invalid(message):
    return jsonify(message=message), 422


@posts.errorhandler(IntegrityError)
def slug_taken(error):
    db.session.rollback()
    return jsonify(message="That slug is already used by another post."), 409


@posts.route("", methods=["POST"])
def create():
    body = request.get_json(silent=True)
    if type(body) is not dict:
        return invalid("The body must be a JSON object.")
    values = {key: body.get(key) for key in ("title", "slug", "content")}
    empty = [key for key, value in values.items() if not (isinstance(value, str) and value.strip())]
    if empty:
        return invalid("Missing or empty: " + ", ".join(empty))
    slug = values["slug"]
    if re.search(r"[^a-z0-9-]", slug) or "--" in slug or slug.startswith("-") or slug.endswith("-"):
        return invalid("The slug may hold lowercase letters, digits and hyphens.")
    post = Post(**values)
    db.session.add(post)
    db.session.commit()
    return jsonify(post.as_json()), 201


@posts.route("")
def index():
    rows = db.session.scalars(db.select(Post).order_by(Post.id)).all()
    return jsonify([row.as_json() for row in rows])


@posts.route("/<string:slug>")
def show(slug):
    post = db.first_or_404(db.select(Post).where(Post.slug == slug))
    return post.as_json()
