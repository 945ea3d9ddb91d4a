"""A personal blog in one module, in the classic Flask-SQLAlchemy style (Model.query)."""

import re
from datetime import datetime

from flask import Flask, abort, jsonify, request
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.exc import IntegrityError

db = SQLAlchemy()
SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class Post(db.Model):
    __tablename__ = "posts"
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(200), nullable=False)
    slug = db.Column(db.String(200), unique=True, nullable=False, index=True)
    content = db.Column(db.Text, nullable=False)
    created_at = db.Column(db.DateTime, default=datetime.utcnow)

    def to_dict(self):
        return {"id": self.id, "title": self.title, "slug": self.slug,
                "content": self.content, "created_at": self.created_at.isoformat()}


def create_app(config=None):
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///blog.db"
    app.config.update(config or {})
    db.init_app(app)
    with app.app_context():
        db.create_all()

    for code in (400, 404, 405, 409, 415, 422):
        app.register_error_handler(code, lambda e: (jsonify(error=e.description), e.code))

    @app.route("/posts", methods=["GET", "POST"])
    def posts():
        if request.method == "GET":
            return jsonify([p.to_dict() for p in Post.query.order_by(Post.id).all()])

        data = request.get_json()  # 415 or 400 from Flask itself when it is not JSON
        if not isinstance(data, dict):
            abort(400, "expected a JSON object")
        for field in ("title", "slug", "content"):
            if not str(data.get(field) or "").strip() or not isinstance(data[field], str):
                abort(400, f"'{field}' is required")
        if not SLUG_RE.match(data["slug"]):
            abort(400, "'slug' must be lowercase words joined by hyphens")
        if Post.query.filter_by(slug=data["slug"]).first() is not None:
            abort(409, "slug already in use")

        post = Post(title=data["title"], slug=data["slug"], content=data["content"])
        db.session.add(post)
        try:
            db.session.commit()
        except IntegrityError:  # another request took the slug since the check above
            db.session.rollback()
            abort(409, "slug already in use")
        return jsonify(post.to_dict()), 201

    @app.route("/posts/<slug>")
    def post_detail(slug):
        post = Post.query.filter_by(slug=slug).first_or_404(description="post not found")
        return jsonify(post.to_dict())

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
