"""Articles API, hand-rolled HTTP: routes on the app, conditional UPDATE, revision-number ETags."""

from flask import Flask, jsonify, make_response, request, url_for
from werkzeug.exceptions import HTTPException, NotFound
from werkzeug.middleware.proxy_fix import ProxyFix

from models import Article, db, now


class ApiError(Exception):
    def __init__(self, status, message):
        super().__init__(message)
        self.status, self.message = status, message


def tag_for(article):
    # A version number kept in the database, bumped by every edit.
    return f"{article.id}-r{article.revision}"


def load(article_id):
    article = db.session.get(Article, article_id)
    if article is None:
        raise ApiError(404, f"article {article_id} does not exist")
    return article


def read_fields():
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise ApiError(400, "expected a JSON object")
    title, body = data.get("title"), data.get("body")
    if not isinstance(title, str) or title.strip() == "":
        raise ApiError(422, "title: a non-blank string")
    if not isinstance(body, str):
        raise ApiError(422, "body: a string")
    return title, body


def create_app(config=None):
    app = Flask(__name__)
    app.config.update(SQLALCHEMY_DATABASE_URI="sqlite:///articles.db", TRUSTED_PROXIES=0)
    app.config.update(config or {})

    hops = int(app.config["TRUSTED_PROXIES"])
    if hops > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)

    db.init_app(app)
    with app.app_context():
        db.create_all()

    @app.errorhandler(ApiError)
    def api_error(err):
        return jsonify(error=err.message, status=err.status), err.status

    @app.errorhandler(HTTPException)
    def http_error(err):
        response = err.get_response()
        response.set_data(jsonify(error=err.description, status=err.code).get_data())
        response.mimetype = "application/json"
        return response

    @app.route("/articles", methods=["GET"])
    def list_articles():
        rows = db.session.scalars(db.select(Article).order_by(Article.id)).all()
        response = jsonify([row.as_json() for row in rows])
        response.headers["Cache-Control"] = "max-age=60, public"
        return response

    @app.route("/articles", methods=["POST"])
    def create_article():
        title, body = read_fields()
        article = Article(title=title, body=body, updated_at=now(), revision=1)
        db.session.add(article)
        db.session.commit()
        response = jsonify(article.as_json())
        response.status_code = 201
        response.headers["Location"] = url_for("get_article", article_id=article.id, _external=True)
        response.headers["ETag"] = f'"{tag_for(article)}"'
        return response

    @app.route("/articles/<int:article_id>", methods=["GET"])
    def get_article(article_id):
        article = load(article_id)
        tag = tag_for(article)
        response = jsonify(article.as_json())
        response.headers["ETag"] = f'"{tag}"'
        response.last_modified = article.updated_at
        response.headers["Cache-Control"] = "no-cache"
        if request.if_none_match:
            fresh = request.if_none_match.contains_weak(tag)
        elif request.if_modified_since is not None:
            fresh = response.last_modified <= request.if_modified_since
        else:
            fresh = False
        if fresh:
            response.status_code = 304
            response.set_data(b"")
        return response

    @app.route("/articles/<int:article_id>", methods=["PUT"])
    def put_article(article_id):
        article = load(article_id)
        if not request.if_match:
            raise ApiError(428, "If-Match is required")
        if not request.if_match.contains(tag_for(article)):
            raise ApiError(412, "stale If-Match")
        title, body = read_fields()
        seen = article.revision
        result = db.session.execute(
            db.update(Article)
            .where(Article.id == article_id, Article.revision == seen)
            .values(title=title, body=body, updated_at=now(), revision=seen + 1)
            .execution_options(synchronize_session=False))
        if result.rowcount != 1:
            db.session.rollback()
            raise ApiError(412, "someone else saved first")
        db.session.commit()
        db.session.expire_all()
        return jsonify(load(article_id).as_json())

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
