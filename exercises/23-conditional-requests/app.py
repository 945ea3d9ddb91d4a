"""Lesson 23: an articles API that caches can keep and careful clients can trust.

The four routes below already work as a plain API (read the lesson with `flaskcourse read 23`):

    GET  /articles         every article, oldest first
    POST /articles         {"title": ..., "body": ...}   -> 201 and the article
    GET  /articles/<id>    one article, or 404
    PUT  /articles/<id>    new title and body            -> 200 and the article

What they lack is HTTP: no Cache-Control, no ETag or Last-Modified, no 304, no protection
against two editors overwriting each other, a Location that is not absolute, and no idea of the
reverse proxy in front of the app. Replace each TODO, then run `flaskcourse check 23`.
"""

import hashlib  # noqa: F401  (for the ETag)
import json

from flask import Blueprint, Flask, abort, make_response, request, url_for  # noqa: F401
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix  # noqa: F401  (Part 5)

from models import Article, db, utc_now

DEFAULTS = {
    "SQLALCHEMY_DATABASE_URI": "sqlite:///articles.db",
    # How many reverse proxies, each adding its own X-Forwarded-* values, stand between the
    # internet and this app. 0: none, so those headers come straight from clients.
    "TRUSTED_PROXIES": 0,
}

bp = Blueprint("articles", __name__)


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    if config:
        app.config.from_mapping(config)

    # TODO (Part 5): when app.config["TRUSTED_PROXIES"] is 1 or more, wrap app.wsgi_app in
    #       ProxyFix, trusting that many values of X-Forwarded-For, -Proto and -Host.

    db.init_app(app)
    with app.app_context():
        db.create_all()

    app.register_blueprint(bp)
    app.register_error_handler(HTTPException, error_as_json)
    return app


def error_as_json(error):
    """Every HTTP error (400, 404, 405, 412, 422, 428) as JSON, keeping Flask's headers."""
    response = error.get_response()  # keeps Allow on a 405
    response.data = json.dumps({"error": error.description, "status": error.code})
    response.content_type = "application/json"
    return response


def article_fields():
    """The title and body of a POST or PUT body; abort with 400 or 422 saying what is wrong."""
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        abort(400, description='send a JSON object: {"title": "...", "body": "..."}')
    title, body = data.get("title"), data.get("body")
    if not isinstance(title, str) or not title.strip():
        abort(422, description="title must be a string with something in it")
    if not isinstance(body, str):
        abort(422, description="body must be a string (it may be empty)")
    return title, body


def find_article(article_id):
    return db.get_or_404(Article, article_id, description=f"there is no article {article_id}")


# TODO (Part 2): def etag_of(article): the article's entity tag, derived from what GET shows.


@bp.get("/articles")
def list_articles():
    articles = db.session.execute(db.select(Article).order_by(Article.id)).scalars()
    # TODO (Part 1): Cache-Control: public, max-age=60 on this answer only.
    return [article.to_dict() for article in articles]


@bp.post("/articles")
def create_article():
    title, body = article_fields()
    article = Article(title=title, body=body)
    db.session.add(article)
    db.session.commit()
    # TODO (Part 5): the Location must be an absolute URL (url_for's _external=True).
    # TODO (Part 2): send the new article's ETag too.
    return article.to_dict(), 201, {
        "Location": url_for("articles.get_article", article_id=article.id),
    }


@bp.get("/articles/<int:article_id>")
def get_article(article_id):
    article = find_article(article_id)
    # TODO (Parts 1 to 3): build the response with make_response(), give it the ETag, the
    #       Last-Modified and Cache-Control: no-cache, and answer 304 when the client's copy
    #       is still current (response.make_conditional(request) does the comparing).
    return article.to_dict()


@bp.put("/articles/<int:article_id>")
def replace_article(article_id):
    article = find_article(article_id)
    # TODO (Part 4): no If-Match: 428. An If-Match that does not match the current ETag: 412.
    #       And when two PUTs with the same If-Match arrive together, only one may win.
    article.title, article.body = article_fields()
    article.updated_at = utc_now()
    db.session.commit()
    return article.to_dict()


if __name__ == "__main__":
    create_app().run(debug=True)
