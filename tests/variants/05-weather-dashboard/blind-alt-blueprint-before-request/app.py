"""Lesson 05 with a blueprint; coordinates are parsed in a before_request hook into flask.g."""

import math

from flask import Blueprint, Flask, abort, current_app, g, jsonify, request
from werkzeug.exceptions import HTTPException

from cache import TTLCache
from weather_service import UpstreamError, fetch_current_weather

DEFAULTS = {"WEATHER_CACHE_TTL": 600, "WEATHER_TIMEOUT": 5}

bp = Blueprint("weather", __name__)


@bp.before_request
def read_coordinates():
    for name, limit in (("lat", 90), ("lon", 180)):
        raw = request.args.get(name, default="").strip()
        if raw == "":
            abort(400, f"{name} is required")
        try:
            value = float(raw)
        except ValueError:
            abort(400, f"{name} must be a number")
        if value != value or not -limit <= value <= limit:   # value != value: NaN
            abort(400, f"{name} must be between -{limit} and {limit}")
        setattr(g, name, value)


@bp.route("/weather")
def weather():
    cache = current_app.extensions["weather_cache"]
    key = (round(g.lat, 2), round(g.lon, 2))
    forecast = cache.get(key)
    was_cached = forecast is not None
    if forecast is None:
        forecast = fetch_current_weather(g.lat, g.lon, timeout=current_app.config["WEATHER_TIMEOUT"])
        cache.set(key, forecast)
    return jsonify({"city_name": request.args.get("city_name") or None, "latitude": g.lat,
                    "longitude": g.lon, **forecast, "cached": was_cached})


def create_app(config=None):
    app = Flask(__name__)
    settings = {**DEFAULTS, **(config or {})}
    app.config.from_mapping(settings)
    app.extensions["weather_cache"] = TTLCache(app.config["WEATHER_CACHE_TTL"])
    app.register_blueprint(bp)

    @app.errorhandler(UpstreamError)
    def upstream(err):
        return jsonify(error="upstream_error", message=err.message), err.status

    @app.errorhandler(HTTPException)
    def http(err):
        return jsonify(error=err.name, message=err.description), err.code

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
