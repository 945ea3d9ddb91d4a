"""Articles API with validators computed by Werkzeug from the response body itself."""

from flask import Flask, abort, current_app, jsonify, request
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException
from werkzeug.http import generate_etag
from werkzeug.middleware.proxy_fix import ProxyFix

from models import Article, db, now_utc

DEFAULTS = {
    "SQLALCHEMY_DATABASE_URI": "sqlite:///articles.db",
    "TRUSTED_PROXIES": 0,
}


def body_tag(article):
    """The tag add_etag() puts on GET's answer: a hash of the exact JSON bytes GET sends."""
    return generate_etag(current_app.json.response(article.public()).get_data())


def wanted_fields():
    data = request.get_json(silent=True)
    if type(data) is not dict:
        abort(400, description="the body must be a JSON object")
    title, body = data.get("title"), data.get("body")
    if type(title) is not str or title.strip() == "":
        abort(422, description="title must be a non-empty string")
    if type(body) is not str:
        abort(422, description="body must be a string")
    return title, body


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    app.config.from_mapping(config or {})

    if app.config["TRUSTED_PROXIES"] >= 1:
        n = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n)

    db.init_app(app)
    with app.app_context():
        db.create_all()

    @app.errorhandler(HTTPException)
    def as_json(error):
        response = error.get_response()
        response.set_data(jsonify(error=error.description, status=error.code).get_data())
        response.mimetype = "application/json"
        return response

    def get_or_404(article_id):
        return db.get_or_404(Article, article_id, description="no such article")

    @app.get("/articles")
    def index():
        response = jsonify([a.public() for a in db.session.scalars(db.select(Article).order_by(Article.id))])
        response.headers["Cache-Control"] = "max-age=60,public"
        return response

    @app.post("/articles")
    def create():
        title, body = wanted_fields()
        article = Article(title=title, body=body)
        db.session.add(article)
        db.session.commit()
        response = jsonify(article.public())
        response.status_code = 201
        response.headers["Location"] = f"{request.host_url}articles/{article.id}"
        response.add_etag()
        return response

    @app.get("/articles/<int:article_id>")
    def show(article_id):
        article = get_or_404(article_id)
        response = jsonify(article.public())
        response.add_etag()
        response.last_modified = article.changed
        response.headers["Cache-Control"] = "no-cache"
        return response.make_conditional(request)

    @app.put("/articles/<int:article_id>")
    def replace(article_id):
        article = get_or_404(article_id)
        if not request.if_match:
            abort(428, description="If-Match is required")
        if not request.if_match.contains(body_tag(article)):
            abort(412, description="precondition failed: the article was changed")
        article.title, article.body = wanted_fields()
        article.updated_at = now_utc()
        try:
            db.session.commit()
        except StaleDataError:
            db.session.rollback()
            abort(412, description="precondition failed: the article was changed")
        return jsonify(article.public())

    return app
