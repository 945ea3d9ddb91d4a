"""Articles API with HTTP caching and optimistic concurrency, revision-number flavour."""

import json

from flask import Blueprint, Flask, Response, abort, request, url_for
from werkzeug.exceptions import HTTPException
from werkzeug.http import http_date
from werkzeug.middleware.proxy_fix import ProxyFix

from models import Article, as_utc, db, utc_now

DEFAULTS = {
    "SQLALCHEMY_DATABASE_URI": "sqlite:///articles.db",
    "TRUSTED_PROXIES": 0,
}

api = Blueprint("api", __name__)

LIST_POLICY = "max-age=60, public"
ITEM_POLICY = "no-cache"


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    app.config.from_mapping(config or {})

    hops = int(app.config.get("TRUSTED_PROXIES") or 0)
    if hops > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)

    db.init_app(app)
    with app.app_context():
        db.create_all()

    app.register_blueprint(api)

    @app.errorhandler(HTTPException)
    def json_error(error):
        response = error.get_response()
        response.set_data(json.dumps({"error": error.description, "status": error.code}))
        response.mimetype = "application/json"
        return response

    return app


def read_fields():
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        abort(400, description='send a JSON object: {"title": "...", "body": "..."}')
    title = data.get("title")
    body = data.get("body")
    if not (isinstance(title, str) and title.strip()):
        abort(422, description="title must be a non-blank string")
    if not isinstance(body, str):
        abort(422, description="body must be a string")
    return title, body


def entity_tag(article):
    """Opaque, strong: the article id and its revision, which every edit increments."""
    return f"{article.id}-r{article.revision}"


def quoted(tag):
    return f'"{tag}"'


def load(article_id):
    article = db.session.get(Article, article_id)
    if article is None:
        abort(404, description=f"no article with id {article_id}")
    return article


@api.route("/articles", methods=["GET"])
def index():
    rows = db.session.scalars(db.select(Article).order_by(Article.id)).all()
    return [row.to_dict() for row in rows], 200, {"Cache-Control": LIST_POLICY}


@api.route("/articles", methods=["POST"])
def create():
    title, body = read_fields()
    article = Article(title=title, body=body)
    db.session.add(article)
    db.session.commit()
    headers = {
        "Location": url_for("api.show", article_id=article.id, _external=True),
        "ETag": quoted(entity_tag(article)),
    }
    return article.to_dict(), 201, headers


@api.route("/articles/<int:article_id>", methods=["GET"])
def show(article_id):
    article = load(article_id)
    tag = entity_tag(article)
    changed_at = as_utc(article.updated_at).replace(microsecond=0)   # HTTP dates: whole seconds
    headers = {
        "ETag": quoted(tag),
        "Last-Modified": http_date(changed_at),
        "Cache-Control": ITEM_POLICY,
    }

    candidates = request.if_none_match            # parsed: lists, W/, "*"
    if candidates:
        current = candidates.contains_weak(tag)   # If-Modified-Since is not consulted
    else:
        since = request.if_modified_since         # None when absent or not a date
        current = since is not None and changed_at <= since

    if current:
        return Response(status=304, headers=headers)
    return article.to_dict(), 200, headers


@api.route("/articles/<int:article_id>", methods=["PUT"])
def replace(article_id):
    article = load(article_id)
    wanted = request.if_match
    if not wanted:
        abort(428, description="If-Match is required: send the ETag you edited")
    if not wanted.contains(entity_tag(article)):      # strong; "*" matches
        abort(412, description="the article has changed since you read it: GET it again")

    title, body = read_fields()
    seen = article.revision
    outcome = db.session.execute(
        db.update(Article)
        .where(Article.id == article_id, Article.revision == seen)
        .values(title=title, body=body, updated_at=utc_now(), revision=seen + 1)
        .execution_options(synchronize_session=False)
    )
    if outcome.rowcount != 1:
        db.session.rollback()
        abort(412, description="the article has changed since you read it: GET it again")
    db.session.commit()        # expires `article`, so the next line reads what was stored
    return article.to_dict()


if __name__ == "__main__":
    create_app().run(debug=True)
