"""A blog whose posts live in a Python list, as the to-dos of lesson 01 did."""

from datetime import datetime, timezone

from flask import Flask, jsonify, request

posts = []
next_id = 1


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(config or {})

    @app.errorhandler(404)
    def not_found(error):
        return jsonify(error="not found"), 404

    @app.post("/posts")
    def create_post():
        global next_id
        data = request.get_json(silent=True)
        if not isinstance(data, dict):
            return jsonify(error="send a JSON object"), 400
        for name in ("title", "slug", "content"):
            value = data.get(name)
            if not isinstance(value, str) or not value.strip():
                return jsonify(error=f"{name} is required"), 422
        slug = data["slug"]
        if slug != slug.lower() or not slug.replace("-", "").isalnum():
            return jsonify(error="slug: lowercase letters, digits and hyphens"), 422
        if any(p["slug"] == slug for p in posts):
            return jsonify(error="slug taken"), 409
        post = {"id": next_id, "title": data["title"], "slug": slug, "content": data["content"],
                "created_at": datetime.now(timezone.utc).isoformat()}
        next_id += 1
        posts.append(post)
        return jsonify(post), 201

    @app.get("/posts")
    def list_posts():
        return jsonify(posts)

    @app.get("/posts/<slug>")
    def get_post(slug):
        for post in posts:
            if post["slug"] == slug:
                return jsonify(post)
        return jsonify(error="no such post"), 404

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
