from flask import Flask

from errors import QueryError
from routes import items_blueprint


def create_app(config=None):
    app = Flask(__name__)
    app.config.update(config or {})
    app.register_blueprint(items_blueprint("v1", envelope=False), url_prefix="/v1")
    app.register_blueprint(items_blueprint("v2", envelope=True), url_prefix="/v2")

    @app.errorhandler(QueryError)
    def query_error(error):
        return {"error": "bad query", "detail": str(error)}, 400

    return app


if __name__ == "__main__":
    create_app().run(port=5000)
