"""Lesson 05, blueprint edition."""

from flask import Flask

from expiring_cache import ExpiringCache
from openmeteo import OpenMeteo
from views import weather_bp

DEFAULTS = {"WEATHER_CACHE_TTL": 600, "WEATHER_TIMEOUT": 5}


def create_app(config=None):
    app = Flask(__name__)
    app.config.update(DEFAULTS)
    app.config.update(config or {})
    app.extensions["weather_cache"] = ExpiringCache(app.config["WEATHER_CACHE_TTL"])
    app.extensions["open_meteo"] = OpenMeteo(app.config["WEATHER_TIMEOUT"])
    app.register_blueprint(weather_bp)
    return app


if __name__ == "__main__":
    create_app().run(debug=True)
