import re

from flask import Blueprint, abort, jsonify, request
from sqlalchemy.exc import IntegrityError

from models import Post, db

posts = Blueprint("posts", __name__, url_prefix="/posts")

_SLUG_OK = re.compile(r"\A[a-z0-9]+(?:-[a-z0-9]+)*\Z")


def _errors(payload):
    errors = []
    for key in ("title", "slug", "content"):
        value = payload.get(key)
        if not isinstance(value, str):
            errors.append(f"{key} must be a string")
        elif not value.strip():
            errors.append(f"{key} must not be blank")
    slug = payload.get("slug")
    if isinstance(slug, str) and slug.strip() and not _SLUG_OK.match(slug):
        errors.append("slug may hold only lowercase letters, digits and single hyphens")
    return errors


@posts.route("", methods=["POST"])
def create():
    payload = request.get_json()  # a body that is not JSON: 415 (or 400 if malformed)
    if type(payload) is not dict:
        return jsonify(error="expected a JSON object"), 400
    errors = _errors(payload)
    if errors:
        return jsonify(error="; ".join(errors), status=422), 422
    post = Post(title=payload["title"], slug=payload["slug"], content=payload["content"])
    db.session.add(post)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        abort(409, f"slug {payload['slug']!r} is already used")
    return jsonify(post.to_dict()), 201


@posts.route("", methods=["GET"])
def index():
    return jsonify([p.to_dict() for p in Post.query.order_by(Post.id).all()])


@posts.route("/<slug>", methods=["GET"])
def detail(slug):
    post = Post.query.filter_by(slug=slug).first()
    if not post:
        abort(404, f"no post has the slug {slug!r}")
    return jsonify(post.to_dict())
