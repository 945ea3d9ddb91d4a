"""Blog API with MethodView classes, a friendly look-up before insert, and a custom 422 error."""

import re

from flask import Blueprint, Flask, request
from flask.views import MethodView
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import Conflict, HTTPException

from models import Post, db

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

bp = Blueprint("posts", __name__)


class InvalidPost(Exception):
    def __init__(self, fields):
        super().__init__("invalid post")
        self.fields = fields


def validate(data):
    if not isinstance(data, dict):
        raise InvalidPost({"body": "must be a JSON object"})
    fields = {}
    for key in ("title", "slug", "content"):
        value = data.get(key)
        if not (isinstance(value, str) and value.strip()):
            fields[key] = "must be a non-blank string"
    if "slug" not in fields and SLUG.fullmatch(data["slug"]) is None:
        fields["slug"] = "lowercase letters, digits and single hyphens only"
    if fields:
        raise InvalidPost(fields)
    return data["title"], data["slug"], data["content"]


class PostList(MethodView):
    def get(self):
        rows = db.session.scalars(db.select(Post).order_by(Post.created_at, Post.id))
        return [row.to_dict() for row in rows]

    def post(self):
        title, slug, content = validate(request.get_json(silent=True))
        if db.session.scalar(db.select(Post.id).where(Post.slug == slug)) is not None:
            raise Conflict(f"slug '{slug}' is taken")
        post = Post(title=title, slug=slug, content=content)
        db.session.add(post)
        try:
            db.session.commit()
        except IntegrityError:
            db.session.rollback()
            raise Conflict(f"slug '{slug}' is taken") from None
        return post.to_dict(), 201


class PostDetail(MethodView):
    def get(self, slug):
        post = db.first_or_404(db.select(Post).where(Post.slug == slug),
                               description=f"no post called '{slug}'")
        return post.to_dict()


bp.add_url_rule("/posts", view_func=PostList.as_view("post_list"))
bp.add_url_rule("/posts/<slug>", view_func=PostDetail.as_view("post_detail"))


def create_app(config=None):
    app = Flask(__name__)
    settings = {"SQLALCHEMY_DATABASE_URI": "sqlite:///blog.db"}
    settings.update(config or {})
    app.config.update(settings)
    db.init_app(app)
    with app.app_context():
        db.create_all()
    app.register_blueprint(bp)

    @app.errorhandler(InvalidPost)
    def invalid(exc):
        return {"error": "invalid post", "fields": exc.fields}, 422

    @app.errorhandler(HTTPException)
    def http_error(exc):
        response = exc.get_response()
        response.set_data(__import__("json").dumps({"error": exc.description, "status": exc.code}))
        response.mimetype = "application/json"
        return response

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
