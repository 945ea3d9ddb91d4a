import hashlib
import json
import threading

from flask import Blueprint, abort, make_response, request, url_for
from flask.views import MethodView

from models import Article, db, utcnow

api = Blueprint("api", __name__)
_edit_lock = threading.Lock()  # one process only: fine for this course, not for many workers


def entity_tag(article):
    text = json.dumps(article.to_dict(), sort_keys=True, separators=(",", ":"))
    return hashlib.blake2b(text.encode("utf-8"), digest_size=20).hexdigest()


def parse_article():
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        abort(400, description="JSON object expected")
    title, body = data.get("title"), data.get("body")
    if not isinstance(title, str) or not title.strip():
        abort(422, description="title is required")
    if not isinstance(body, str):
        abort(422, description="body must be a string")
    return title, body


class Collection(MethodView):
    def get(self):
        articles = db.session.scalars(db.select(Article).order_by(Article.id)).all()
        response = make_response([a.to_dict() for a in articles])
        response.cache_control.max_age = 60
        response.cache_control.public = True
        return response

    def post(self):
        title, body = parse_article()
        article = Article(title=title, body=body)
        db.session.add(article)
        db.session.commit()
        response = make_response(article.to_dict(), 201)
        response.location = url_for("api.item", article_id=article.id, _external=True)
        response.set_etag(entity_tag(article))
        return response


class Item(MethodView):
    def get(self, article_id):
        article = db.get_or_404(Article, article_id)
        response = make_response(article.to_dict())
        response.set_etag(entity_tag(article))
        response.last_modified = article.updated_at
        response.cache_control.no_cache = True
        return response.make_conditional(request)

    def put(self, article_id):
        with _edit_lock:
            article = db.get_or_404(Article, article_id)
            if not request.if_match:
                abort(428, description="If-Match required")
            if not request.if_match.contains(entity_tag(article)):
                abort(412, description="the article changed; GET it again")
            article.title, article.body = parse_article()
            article.updated_at = utcnow()
            db.session.commit()
            return article.to_dict()


api.add_url_rule("/articles", view_func=Collection.as_view("collection"))
api.add_url_rule("/articles/<int:article_id>", view_func=Item.as_view("item"))
