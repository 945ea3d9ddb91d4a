"""Blog API: legacy Post.query style, @bp.route(methods=...), errors returned as 400 tuples."""

import re

from flask import Blueprint, Flask, jsonify, request
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import HTTPException

from models import Post, db

DEFAULTS = {"SQLALCHEMY_DATABASE_URI": "sqlite:///blog.db"}
SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

bp = Blueprint("blog", __name__)


def bad_request(message):
    return jsonify(error=message), 400


@bp.route("/posts", methods=["POST"])
def create_post():
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict):
        return bad_request("the body must be a JSON object")
    for field in ("title", "slug", "content"):
        value = payload.get(field)
        if not isinstance(value, str) or value.isspace() or value == "":
            return bad_request(f"{field} must be a non-empty string")
    if SLUG_RE.match(payload["slug"]) is None or payload["slug"].endswith("\n"):
        return bad_request("slug may only hold lowercase letters, digits and single hyphens")
    post = Post(title=payload["title"], slug=payload["slug"], content=payload["content"])
    db.session.add(post)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return jsonify(error=f"slug {payload['slug']} is already used"), 409
    return jsonify(post.to_dict()), 201


@bp.route("/posts", methods=["GET"])
def all_posts():
    return jsonify([p.to_dict() for p in Post.query.order_by(Post.id).all()])


@bp.route("/posts/<slug>", methods=["GET"])
def one_post(slug):
    post = Post.query.filter_by(slug=slug).first()
    if post is None:
        return jsonify(error="post not found"), 404
    return jsonify(post.to_dict())


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    app.config.from_mapping(config or {})
    db.init_app(app)
    with app.app_context():
        db.create_all()
    app.register_blueprint(bp)

    @app.errorhandler(HTTPException)
    def json_error(exc):
        response = jsonify(error=exc.description)
        response.status_code = exc.code
        allow = exc.get_response().headers.get("Allow")
        if allow:
            response.headers["Allow"] = allow
        return response

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
