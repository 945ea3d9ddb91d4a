"""Articles API, single module: model, views and factory together.

ETag = id and revision number ("a version number that goes up with every edit and is kept in
the database"); the PUT writes with UPDATE ... WHERE revision = <read> and bumps it.
"""

from datetime import datetime, timezone

from flask import Flask, abort, jsonify, request, url_for
from flask.views import MethodView
from flask_sqlalchemy import SQLAlchemy
from werkzeug.exceptions import HTTPException
from werkzeug.http import http_date
from werkzeug.middleware.proxy_fix import ProxyFix

DEFAULTS = {"SQLALCHEMY_DATABASE_URI": "sqlite:///articles.db", "TRUSTED_PROXIES": 0}

db = SQLAlchemy()


def _now():
    return datetime.now(timezone.utc)


def _utc(moment):
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment


class Article(db.Model):
    __tablename__ = "articles"
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.Text, nullable=False)
    body = db.Column(db.Text, nullable=False)
    updated_at = db.Column(db.DateTime(timezone=True), nullable=False, default=_now)
    revision = db.Column(db.Integer, nullable=False, default=1)

    def as_json(self):
        return {"id": self.id, "title": self.title, "body": self.body,
                "updated_at": _utc(self.updated_at).isoformat()}

    @property
    def tag(self):
        return f"{self.id}.{self.revision}"


def _read_fields():
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict):
        abort(400, description="expected a JSON object")
    title = payload.get("title")
    body = payload.get("body")
    if not (isinstance(title, str) and title.strip()):
        abort(422, description="title: a non-blank string is required")
    if not isinstance(body, str):
        abort(422, description="body: a string is required")
    return title, body


def _load(article_id):
    article = db.session.get(Article, article_id)
    if article is None:
        abort(404, description=f"article {article_id} not found")
    return article


class ArticleList(MethodView):
    def get(self):
        rows = db.session.scalars(db.select(Article).order_by(Article.id.asc()))
        return jsonify([row.as_json() for row in rows]), 200, {"Cache-Control": "max-age=60, public"}

    def post(self):
        title, body = _read_fields()
        article = Article(title=title, body=body)
        db.session.add(article)
        db.session.commit()
        location = url_for("article", article_id=article.id, _external=True)
        return jsonify(article.as_json()), 201, {"Location": location, "ETag": f'"{article.tag}"'}


class ArticleItem(MethodView):
    def get(self, article_id):
        article = _load(article_id)
        stamp = _utc(article.updated_at).replace(microsecond=0)
        headers = {"ETag": f'"{article.tag}"', "Last-Modified": http_date(stamp),
                   "Cache-Control": "no-cache"}
        if request.if_none_match:
            unchanged = request.if_none_match.contains_weak(article.tag)
        else:
            since = request.if_modified_since
            unchanged = since is not None and stamp <= since
        if unchanged:
            return "", 304, headers
        return jsonify(article.as_json()), 200, headers

    def put(self, article_id):
        article = _load(article_id)
        if not request.if_match:
            abort(428, description="an If-Match header is required")
        if not request.if_match.contains(article.tag):
            abort(412, description="stale If-Match: fetch the article again")
        title, body = _read_fields()
        outcome = db.session.execute(
            db.update(Article)
            .where(Article.id == article.id, Article.revision == article.revision)
            .values(title=title, body=body, updated_at=_now(), revision=Article.revision + 1)
            .execution_options(synchronize_session=False)
        )
        if outcome.rowcount != 1:
            db.session.rollback()
            abort(412, description="stale If-Match: fetch the article again")
        db.session.commit()
        return jsonify(article.as_json())


def _json_error(exc):
    original = exc.get_response()
    reply = jsonify(error=exc.description, status=exc.code)
    reply.status_code = exc.code
    if "Allow" in original.headers:
        reply.headers["Allow"] = original.headers["Allow"]
    return reply


def create_app(overrides=None):
    app = Flask(__name__)
    app.config.update(DEFAULTS)
    app.config.update(overrides or {})
    hops = int(app.config.get("TRUSTED_PROXIES") or 0)
    if hops > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    db.init_app(app)
    with app.app_context():
        db.create_all()
    app.add_url_rule("/articles", view_func=ArticleList.as_view("articles"))
    app.add_url_rule("/articles/<int:article_id>", view_func=ArticleItem.as_view("article"))
    app.register_error_handler(HTTPException, _json_error)
    return app
