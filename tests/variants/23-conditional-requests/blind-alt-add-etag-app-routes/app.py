"""Lesson 23, another way: Werkzeug's body-hash ETags and routes on the app itself."""

import json

from flask import Flask, abort, make_response, request, url_for
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException
from werkzeug.http import http_date
from werkzeug.middleware.proxy_fix import ProxyFix

from models import Article, db, utc_now

DEFAULTS = {
    "SQLALCHEMY_DATABASE_URI": "sqlite:///articles.db",
    "TRUSTED_PROXIES": 0,
}

STALE = "the article has changed since you read it: GET it again"


def representation(article, status=200):
    """The article's JSON answer, tagged with a hash of its own bytes (add_etag: SHA-1, strong)."""
    response = make_response(article.to_dict(), status)
    response.add_etag()
    return response


def current_tag(article):
    """The tag GET would send right now: same bytes, same hash."""
    tag, _weak = representation(article).get_etag()
    return tag


def fields_from_body():
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        abort(400, description='send a JSON object: {"title": "...", "body": "..."}')
    title, body = data.get("title"), data.get("body")
    if not isinstance(title, str) or not title.strip():
        abort(422, description="title must be a string with something in it")
    if not isinstance(body, str):
        abort(422, description="body must be a string (it may be empty)")
    return title, body


def create_app(config=None):
    app = Flask(__name__)
    app.config.update(DEFAULTS)
    if config:
        app.config.update(config)

    trusted = app.config["TRUSTED_PROXIES"]
    if trusted >= 1:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=trusted, x_proto=trusted, x_host=trusted)

    db.init_app(app)
    with app.app_context():
        db.create_all()

    @app.errorhandler(HTTPException)
    def as_json(error):
        response = error.get_response()
        response.data = json.dumps({"error": error.description, "status": error.code})
        response.content_type = "application/json"
        return response

    def fetch(article_id):
        return db.get_or_404(Article, article_id, description=f"there is no article {article_id}")

    @app.get("/articles")
    def article_list():
        query = db.select(Article).order_by(Article.id)
        response = make_response([a.to_dict() for a in db.session.scalars(query)])
        response.headers["Cache-Control"] = "public, max-age=60"
        return response

    @app.post("/articles")
    def article_create():
        title, body = fields_from_body()
        article = Article(title=title, body=body)
        db.session.add(article)
        db.session.commit()
        response = representation(article, 201)   # same body as GET, so the same tag
        response.headers["Location"] = url_for("article_detail", article_id=article.id,
                                               _external=True)
        return response

    @app.get("/articles/<int:article_id>")
    def article_detail(article_id):
        article = fetch(article_id)
        response = representation(article)
        response.headers["Last-Modified"] = http_date(article.updated_at)
        response.headers["Cache-Control"] = "no-cache"
        return response.make_conditional(request)

    @app.put("/articles/<int:article_id>")
    def article_replace(article_id):
        article = fetch(article_id)
        if not request.if_match:
            abort(428, description="send If-Match with the ETag of the article you edited")
        if not request.if_match.contains(current_tag(article)):
            abort(412, description=STALE)
        article.title, article.body = fields_from_body()
        article.updated_at = utc_now()
        try:
            db.session.commit()
        except StaleDataError:
            db.session.rollback()
            abort(412, description=STALE)
        return article.to_dict()

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
