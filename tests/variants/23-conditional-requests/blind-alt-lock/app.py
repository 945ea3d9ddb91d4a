"""Articles API: one lock serialises check-and-write; blake2b tags; headers written as strings."""

import hashlib
import json
import threading

from flask import Blueprint, Flask, abort, make_response, request, url_for
from werkzeug.exceptions import HTTPException
from werkzeug.http import http_date
from werkzeug.middleware.proxy_fix import ProxyFix

from models import Article, as_utc, db, utc_now

bp = Blueprint("api", __name__)
edit_lock = threading.Lock()


def entity_tag(article):
    data = article.to_dict()
    text = json.dumps({k: data[k] for k in reversed(sorted(data))}, sort_keys=True, separators=(",", ":"))
    return hashlib.blake2b(text.encode("utf-8"), digest_size=20).hexdigest()


def validated():
    data = request.get_json(silent=True)
    if type(data) is not dict:
        abort(400, description="JSON object expected")
    title = data.get("title")
    body = data.get("body")
    if not isinstance(title, str) or len(title.strip()) == 0:
        abort(422, description="bad title")
    if not isinstance(body, str):
        abort(422, description="bad body")
    return title, body


@bp.route("/articles")
def index():
    rows = Article.query.order_by(Article.id).all()
    resp = make_response([r.to_dict() for r in rows])
    resp.headers["Cache-Control"] = "public, max-age=60"
    return resp


@bp.route("/articles", methods=["POST"])
def create():
    title, body = validated()
    article = Article(title=title, body=body)
    db.session.add(article)
    db.session.commit()
    resp = make_response(article.to_dict(), 201)
    resp.headers["Location"] = url_for(".show", article_id=article.id, _external=True)
    resp.headers["ETag"] = '"%s"' % entity_tag(article)
    return resp


@bp.route("/articles/<int:article_id>")
def show(article_id):
    article = db.get_or_404(Article, article_id)
    resp = make_response(article.to_dict())
    resp.headers["ETag"] = '"%s"' % entity_tag(article)
    resp.headers["Last-Modified"] = http_date(as_utc(article.updated_at))
    resp.headers["Cache-Control"] = "no-cache"
    return resp.make_conditional(request)


@bp.route("/articles/<int:article_id>", methods=["PUT"])
def replace(article_id):
    with edit_lock:
        article = db.get_or_404(Article, article_id)
        if not request.if_match:
            abort(428, description="If-Match missing")
        if not request.if_match.contains(entity_tag(article)):
            abort(412, description="not the current version")
        article.title, article.body = validated()
        article.updated_at = utc_now()
        db.session.commit()
        return article.to_dict()


def json_error(error):
    resp = error.get_response()
    resp.data = json.dumps({"error": error.description, "status": error.code})
    resp.content_type = "application/json"
    return resp


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(SQLALCHEMY_DATABASE_URI="sqlite:///articles.db", TRUSTED_PROXIES=0)
    app.config.from_mapping(config or {})
    trusted = app.config["TRUSTED_PROXIES"]
    db.init_app(app)
    with app.app_context():
        db.create_all()
    app.register_blueprint(bp)
    app.register_error_handler(HTTPException, json_error)
    if trusted:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=trusted, x_proto=trusted, x_host=trusted)
    return app
