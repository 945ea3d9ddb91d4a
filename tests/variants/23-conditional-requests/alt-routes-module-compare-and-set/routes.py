"""HTTP layer: representations, validators and the four routes."""

import hashlib
from datetime import datetime, timezone

from flask import Blueprint, Response, abort, jsonify, request, url_for
from werkzeug.http import http_date, is_resource_modified, parse_etags

from models import Article, db

routes = Blueprint("routes", __name__)


def aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def represent(article: Article) -> dict:
    return {"id": article.id, "title": article.title, "body": article.body,
            "updated_at": aware(article.updated_at).isoformat()}


def entity_tag(article: Article) -> str:
    parts = [str(article.id), article.title, article.body, aware(article.updated_at).isoformat()]
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()


def load(article_id: int) -> Article:
    article = db.session.get(Article, article_id)
    if article is None:
        abort(404, f"article {article_id} does not exist")
    return article


def read_body() -> tuple[str, str]:
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        abort(400, "JSON object expected")
    title = data.get("title")
    body = data.get("body")
    if not isinstance(title, str) or not title.strip():
        abort(422, "invalid title")
    if not isinstance(body, str):
        abort(422, "invalid body")
    return title, body


@routes.route("/articles", methods=["GET"])
def index():
    response = jsonify([represent(a) for a in db.session.scalars(
        db.select(Article).order_by(Article.id))])
    response.headers["Cache-Control"] = "public,max-age=60"
    return response


@routes.route("/articles", methods=["POST"])
def create():
    title, body = read_body()
    article = Article(title=title, body=body)
    db.session.add(article)
    db.session.commit()
    return represent(article), 201, {
        "Location": url_for("routes.show", article_id=article.id, _external=True),
        "ETag": f'"{entity_tag(article)}"',
    }


@routes.route("/articles/<int:article_id>", methods=["GET"])
def show(article_id: int):
    article = load(article_id)
    tag = f'"{entity_tag(article)}"'
    headers = {"ETag": tag, "Cache-Control": "no-cache",
               "Last-Modified": http_date(aware(article.updated_at))}
    if not is_resource_modified(request.environ, etag=tag,
                                last_modified=aware(article.updated_at)):
        return Response(status=304, headers=headers)
    response = jsonify(represent(article))
    response.headers.extend(headers)
    return response


@routes.route("/articles/<int:article_id>", methods=["PUT"])
def update(article_id: int):
    article = load(article_id)
    if_match = parse_etags(request.headers.get("If-Match"))
    if not if_match:
        abort(428, "If-Match required")
    if not if_match.contains(entity_tag(article)):
        abort(412, "precondition failed")
    title, body = read_body()
    result = db.session.execute(
        db.update(Article)
        .where(Article.id == article.id, Article.title == article.title,
               Article.body == article.body, Article.updated_at == article.updated_at)
        .values(title=title, body=body, updated_at=datetime.now(timezone.utc)))
    if result.rowcount == 0:
        db.session.rollback()
        abort(412, "changed by someone else meanwhile")
    db.session.commit()
    db.session.refresh(article)
    return represent(article)
