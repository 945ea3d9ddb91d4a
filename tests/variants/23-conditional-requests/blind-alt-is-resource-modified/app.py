"""Lesson 23: articles API, written with Werkzeug's lower-level HTTP helpers."""

import hashlib
import json

from flask import Blueprint, Flask, Response, abort, request, url_for
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException
from werkzeug.http import http_date, is_resource_modified, quote_etag
from werkzeug.middleware.proxy_fix import ProxyFix

from models import Article, db, utc_now

DEFAULTS = {
    "SQLALCHEMY_DATABASE_URI": "sqlite:///articles.db",
    "TRUSTED_PROXIES": 0,
}

bp = Blueprint("articles", __name__)


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    if config:
        app.config.from_mapping(config)
    proxies = app.config["TRUSTED_PROXIES"]
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)
    db.init_app(app)
    with app.app_context():
        db.create_all()
    app.register_blueprint(bp)
    app.register_error_handler(HTTPException, error_as_json)
    return app


def error_as_json(error):
    response = error.get_response()
    response.data = json.dumps({"error": error.description, "status": error.code})
    response.content_type = "application/json"
    return response


def as_json(payload, status=200, headers=None):
    return Response(json.dumps(payload), status=status, headers=headers,
                    mimetype="application/json")


def article_fields():
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        abort(400, description='send a JSON object: {"title": "...", "body": "..."}')
    title, body = data.get("title"), data.get("body")
    if not isinstance(title, str) or not title.strip():
        abort(422, description="title must be a string with something in it")
    if not isinstance(body, str):
        abort(422, description="body must be a string (it may be empty)")
    return title, body


def etag_of(article):
    """BLAKE2b over every field GET shows, each length-prefixed so no two versions collide."""
    digest = hashlib.blake2b(digest_size=20)
    shown = article.to_dict()
    for key in ("id", "title", "body", "updated_at"):
        value = str(shown[key]).encode()
        digest.update(len(value).to_bytes(8, "big"))
        digest.update(value)
    return digest.hexdigest()


def find_article(article_id):
    return db.get_or_404(Article, article_id, description=f"there is no article {article_id}")


@bp.get("/articles")
def list_articles():
    articles = db.session.execute(db.select(Article).order_by(Article.id)).scalars()
    return as_json([a.to_dict() for a in articles],
                   headers={"Cache-Control": "public,max-age=60"})


@bp.post("/articles")
def create_article():
    title, body = article_fields()
    article = Article(title=title, body=body)
    db.session.add(article)
    db.session.commit()
    return as_json(article.to_dict(), 201, {
        "Location": url_for("articles.get_article", article_id=article.id, _external=True),
        "ETag": quote_etag(etag_of(article)),
    })


@bp.get("/articles/<int:article_id>")
def get_article(article_id):
    article = find_article(article_id)
    validators = {
        "ETag": quote_etag(etag_of(article)),
        "Last-Modified": http_date(article.updated_at),
        "Cache-Control": "no-cache",
    }
    # RFC 9110 13.2.2: If-None-Match (weak comparison) first; If-Modified-Since only without it.
    if not is_resource_modified(request.environ, etag=validators["ETag"],
                                last_modified=article.updated_at):
        return Response(status=304, headers=validators)
    return as_json(article.to_dict(), headers=validators)


@bp.put("/articles/<int:article_id>")
def replace_article(article_id):
    article = find_article(article_id)
    if not request.if_match:
        abort(428, description="send If-Match with the ETag of the article you edited")
    if not request.if_match.contains(etag_of(article)):
        abort(412, description="the article has changed since you read it: GET it again")
    article.title, article.body = article_fields()
    article.updated_at = utc_now()
    try:
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        abort(412, description="the article has changed since you read it: GET it again")
    return as_json(article.to_dict())


if __name__ == "__main__":
    create_app().run(debug=True)
