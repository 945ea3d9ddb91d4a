"""Lesson 23 reference: an articles API that caches can keep and careful clients can trust.

    GET  /articles         every article, oldest first   -> 200, Cache-Control: public, max-age=60
    POST /articles         {"title": ..., "body": ...}   -> 201, absolute Location, ETag
    GET  /articles/<id>    one article                   -> 200 with ETag, Last-Modified and
                                                            Cache-Control: no-cache; or 304
    PUT  /articles/<id>    new title and body            -> 200; without If-Match 428, with a
                                                            tag that is not current 412

Run it with `flask --app app run`. The database is instance/articles.db unless the config
passed to create_app() names another; TRUSTED_PROXIES says how many reverse proxies stand in
front of the app (0, the default: none).
"""

import hashlib
import json

from flask import Blueprint, Flask, abort, make_response, request, url_for
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from models import Article, db, utc_now

DEFAULTS = {
    "SQLALCHEMY_DATABASE_URI": "sqlite:///articles.db",
    # How many reverse proxies, each adding its own X-Forwarded-* values, stand between the
    # internet and this app. 0: none, so those headers come straight from clients and prove
    # nothing; the app must not believe them.
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
        # ProxyFix rewrites the WSGI environ before Flask sees it: request.scheme, request.host
        # and request.remote_addr (so url_for(..., _external=True) too) then come from the
        # X-Forwarded-Proto, -Host and -For values that our own proxies appended: the last
        # `proxies` of each list, never the ones a client typed in front of them.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)

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


def etag_of(article):
    """The article's entity tag: a hash of exactly what GET /articles/<id> shows.

    Any change to the representation (the title, the body, even only updated_at) changes the
    hash, and nothing else does: not the time of the request, not a restart of the server.
    """
    representation = json.dumps(article.to_dict(), sort_keys=True)
    return hashlib.sha256(representation.encode()).hexdigest()


def find_article(article_id):
    return db.get_or_404(Article, article_id, description=f"there is no article {article_id}")


@bp.get("/articles")
def list_articles():
    articles = db.session.execute(db.select(Article).order_by(Article.id)).scalars()
    response = make_response([article.to_dict() for article in articles])
    # The same list for everyone, and a minute old is fine: any cache (the browser's, a CDN's)
    # may keep it and serve it without asking us for 60 seconds.
    response.cache_control.public = True
    response.cache_control.max_age = 60
    return response


@bp.post("/articles")
def create_article():
    title, body = article_fields()
    article = Article(title=title, body=body)
    db.session.add(article)
    db.session.commit()

    # make_response() turns what a view may return (here a dict and a status) into the
    # Response object now, so that headers can be set on it before it leaves.
    response = make_response(article.to_dict(), 201)
    # _external=True: an absolute URL, with the scheme and host this request came in on (after
    # ProxyFix, the ones the client used to reach our proxy).
    response.headers["Location"] = url_for("articles.get_article", article_id=article.id,
                                           _external=True)
    # The tag of the new article, so the client can send If-Match without a GET first.
    response.set_etag(etag_of(article))
    return response


@bp.get("/articles/<int:article_id>")
def get_article(article_id):
    article = find_article(article_id)
    response = make_response(article.to_dict())
    response.set_etag(etag_of(article))            # ETag: "<hash>", strong and quoted
    response.last_modified = article.updated_at    # an HTTP date in GMT, whole seconds
    # Caches may keep it, but must ask us (with If-None-Match) before every reuse: an edit is
    # seen at once, and an unchanged article costs a 304 with no body.
    response.cache_control.no_cache = True
    # If-None-Match (weak comparison, "*", lists) and If-Modified-Since (only when there is no
    # If-None-Match): Werkzeug turns the 200 into a 304 here, keeping the headers above, and
    # sends no body with it.
    return response.make_conditional(request)


@bp.put("/articles/<int:article_id>")
def replace_article(article_id):
    article = find_article(article_id)
    # request.if_match is the parsed If-Match header: empty when the client sent none.
    if not request.if_match:
        abort(428, description="send If-Match with the ETag of the article you edited")
    # contains(): "*" matches any article that exists; otherwise strong comparison, so a weak
    # W/"..." tag never matches.
    if not request.if_match.contains(etag_of(article)):
        abort(412, description="the article has changed since you read it: GET it again")

    article.title, article.body = article_fields()
    article.updated_at = utc_now()
    try:
        db.session.commit()
    except StaleDataError:
        # Another PUT changed the row between our read and our write (see models.py).
        db.session.rollback()
        abort(412, description="the article has changed since you read it: GET it again")
    # No ETag or Last-Modified here: what we stored is not byte for byte what the client sent
    # (we added id and updated_at), and RFC 9110 then forbids validators in a PUT's answer.
    return article.to_dict()


if __name__ == "__main__":
    create_app().run(debug=True)
