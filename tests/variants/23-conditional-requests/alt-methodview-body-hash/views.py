"""The routes, as MethodViews on a blueprint."""

import threading

from flask import Blueprint, abort, current_app, jsonify, make_response, request, url_for
from flask.views import MethodView

from models import Article, db, stamp

api = Blueprint("api", __name__, url_prefix="/articles")


def init_app(app):
    app.extensions["article_writes"] = threading.Lock()
    app.register_blueprint(api)


def valid_input():
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        abort(400, "expected a JSON object")
    title, body = data.get("title"), data.get("body")
    if not (isinstance(title, str) and title.strip()):
        abort(422, "title is required")
    if not isinstance(body, str):
        abort(422, "body must be a string")
    return title, body


def tagged(article, status=200):
    """The article's response with ETag: the hash of exactly these bytes."""
    response = make_response(jsonify(article.public()), status)
    response.add_etag()
    return response


def tag_of(article):
    return tagged(article).get_etag()[0]


class ArticleList(MethodView):
    def get(self):
        found = db.session.scalars(db.select(Article).order_by(Article.id.asc()))
        response = jsonify([a.public() for a in found])
        response.cache_control.max_age = 60
        response.cache_control.public = True
        return response

    def post(self):
        title, body = valid_input()
        article = Article(title=title, body=body)
        db.session.add(article)
        db.session.commit()
        response = tagged(article, 201)
        response.headers["Location"] = url_for(".article", article_id=article.id, _external=True)
        return response


class ArticleItem(MethodView):
    def get(self, article_id):
        article = db.get_or_404(Article, article_id)
        response = tagged(article)
        response.last_modified = article.updated_at
        response.cache_control.no_cache = True
        return response.make_conditional(request)

    def put(self, article_id):
        with current_app.extensions["article_writes"]:
            article = db.get_or_404(Article, article_id)
            wanted = request.if_match
            if not wanted:
                abort(428, "If-Match required")
            if not wanted.contains(tag_of(article)):
                abort(412, "that version is gone")
            article.title, article.body = valid_input()
            article.updated_at = stamp()
            db.session.commit()
            return jsonify(article.public())


api.add_url_rule("", view_func=ArticleList.as_view("articles"))
api.add_url_rule("/<int:article_id>", view_func=ArticleItem.as_view("article"))
