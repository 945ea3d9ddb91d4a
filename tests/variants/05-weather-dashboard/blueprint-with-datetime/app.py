from flask import Flask
from werkzeug.exceptions import HTTPException

from weather import bp


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(WEATHER_CACHE_TTL=600, WEATHER_TIMEOUT=4)
    app.config.from_mapping(config or {})
    app.extensions["forecasts"] = {}
    app.register_blueprint(bp)

    @app.errorhandler(HTTPException)
    def as_json(e):
        return {"status": e.code, "detail": e.description}, e.code

    return app


if __name__ == "__main__":
    create_app().run()
