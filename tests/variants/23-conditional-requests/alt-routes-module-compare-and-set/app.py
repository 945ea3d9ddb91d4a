from flask import Flask
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from models import db
from routes import routes


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(SQLALCHEMY_DATABASE_URI="sqlite:///articles.db", TRUSTED_PROXIES=0)
    if config:
        app.config.from_mapping(config)
    db.init_app(app)
    with app.app_context():
        db.create_all()
    app.register_blueprint(routes)

    @app.errorhandler(HTTPException)
    def json_error(error):
        return {"error": error.description, "status": error.code}, error.code

    n = app.config["TRUSTED_PROXIES"]
    if n:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n)
    return app
