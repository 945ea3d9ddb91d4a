"""Articles API with MethodView classes; the ETag is Werkzeug's add_etag() over the JSON body."""

from flask import Blueprint, Flask, abort, make_response, request, url_for
from flask.views import MethodView
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from models import Article, db, utcnow

api = Blueprint("news", __name__, url_prefix="/articles")


def representation(article, status=200):
    response = make_response(article.to_dict(), status)
    response.add_etag()  # strong tag: a hash of exactly these bytes
    return response


def current_tag(article):
    return representation(article).get_etag()[0]


def fields():
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        abort(400, "the body must be a JSON object")
    title, body = data.get("title"), data.get("body")
    if not (isinstance(title, str) and title.strip()):
        abort(422, "title must be a non-empty string")
    if not isinstance(body, str):
        abort(422, "body must be a string")
    return title, body


class ArticleList(MethodView):
    def get(self):
        articles = db.session.scalars(db.select(Article).order_by(Article.id))
        response = make_response([a.to_dict() for a in articles])
        response.headers["Cache-Control"] = "public,max-age=60"
        return response

    def post(self):
        title, body = fields()
        article = Article(title=title, body=body)
        db.session.add(article)
        db.session.commit()
        response = representation(article, 201)
        response.headers["Location"] = url_for("news.article", article_id=article.id, _external=True)
        return response


class ArticleItem(MethodView):
    def get(self, article_id):
        article = db.get_or_404(Article, article_id)
        response = representation(article)
        response.last_modified = article.updated_at
        response.cache_control.no_cache = True
        return response.make_conditional(request)

    def put(self, article_id):
        article = db.get_or_404(Article, article_id)
        if not request.if_match:
            abort(428, "If-Match required")
        if not request.if_match.contains(current_tag(article)):
            abort(412, "precondition failed")
        article.title, article.body = fields()
        article.updated_at = utcnow()
        try:
            db.session.commit()
        except StaleDataError:
            db.session.rollback()
            abort(412, "precondition failed: edited meanwhile")
        return article.to_dict()


api.add_url_rule("", view_func=ArticleList.as_view("articles"))
api.add_url_rule("/<int:article_id>", view_func=ArticleItem.as_view("article"))


def as_json(error):
    response = error.get_response()
    response.data = __import__("json").dumps({"error": error.description, "status": error.code})
    response.content_type = "application/json"
    return response


def create_app(config=None):
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///articles.db"
    app.config["TRUSTED_PROXIES"] = 0
    if config is not None:
        app.config.update(config)
    n = app.config.get("TRUSTED_PROXIES") or 0
    if n >= 1:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n)
    db.init_app(app)
    with app.app_context():
        db.create_all()
    app.register_blueprint(api)
    app.register_error_handler(HTTPException, as_json)
    return app
