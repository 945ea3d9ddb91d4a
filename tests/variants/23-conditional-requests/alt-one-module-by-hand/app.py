"""Articles API, everything in one module, conditional requests answered by hand."""

from flask import Flask, jsonify, request, url_for
from werkzeug.exceptions import HTTPException
from werkzeug.http import http_date
from werkzeug.middleware.proxy_fix import ProxyFix

from models import Article, db, now_utc


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

    @app.errorhandler(HTTPException)
    def as_json(error):
        return jsonify(error=error.description, status=error.code), error.code, [
            (k, v) for k, v in error.get_headers() if k.lower() != "content-type"]

    def problem(status, message):
        return jsonify(error=message, status=status), status

    def fields():
        data = request.get_json(silent=True)
        if not isinstance(data, dict):
            return None, problem(400, "a JSON object is required")
        title, body = data.get("title"), data.get("body")
        if not isinstance(title, str) or title.strip() == "":
            return None, problem(422, "title: a non-blank string is required")
        if not isinstance(body, str):
            return None, problem(422, "body: a string is required")
        return (title, body), None

    def article_or_none(article_id):
        return db.session.get(Article, article_id)

    @app.route("/articles", methods=["GET", "POST"])
    def articles():
        if request.method == "POST":
            values, error = fields()
            if error:
                return error
            article = Article(title=values[0], body=values[1])
            db.session.add(article)
            db.session.commit()
            response = jsonify(article.as_json())
            response.status_code = 201
            response.headers["Location"] = url_for("one_article", article_id=article.id,
                                                   _external=True)
            response.headers["ETag"] = article.tag()
            return response
        rows = Article.query.order_by(Article.id).all()
        response = jsonify([row.as_json() for row in rows])
        response.headers["Cache-Control"] = "max-age=60, public"
        return response

    @app.route("/articles/<int:article_id>", methods=["GET", "PUT"])
    def one_article(article_id):
        article = article_or_none(article_id)
        if article is None:
            return problem(404, f"no article {article_id}")
        if request.method == "PUT":
            return replace(article)
        tag = article.tag()
        headers = {"ETag": tag, "Cache-Control": "no-cache"}
        if request.if_none_match:
            fresh = request.if_none_match.contains_weak(tag.strip('"'))
        else:
            since = request.if_modified_since
            fresh = since is not None and article.changed_at().replace(microsecond=0) <= since
        if fresh:
            return "", 304, headers
        response = jsonify(article.as_json())
        response.headers.update(headers)
        response.headers["Last-Modified"] = http_date(article.changed_at())
        return response

    def replace(article):
        if not request.if_match:
            return problem(428, "If-Match is required")
        if not request.if_match.contains(article.tag().strip('"')):
            return problem(412, "stale If-Match")
        values, error = fields()
        if error:
            return error
        seen = article.revision
        done = db.session.execute(
            db.update(Article)
            .where(Article.id == article.id, Article.revision == seen)
            .values(title=values[0], body=values[1], updated_at=now_utc(), revision=seen + 1)
        )
        db.session.commit()
        if done.rowcount != 1:
            return problem(412, "someone else saved first")
        db.session.expire_all()
        return jsonify(db.session.get(Article, article.id).as_json())

    return app
