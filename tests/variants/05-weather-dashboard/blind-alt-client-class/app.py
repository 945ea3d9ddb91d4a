"""Lesson 05: validation as a helper that returns errors, responses built with jsonify."""

import math

from flask import Flask, current_app, jsonify, request
from werkzeug.exceptions import HTTPException

from cache import TTLCache
from weather_service import OpenMeteo, UpstreamError

DEFAULTS = {"WEATHER_CACHE_TTL": 600, "WEATHER_TIMEOUT": 5}
LIMITS = {"lat": (-90.0, 90.0), "lon": (-180.0, 180.0)}


def parse(name):
    """(value, None) or (None, error message)."""
    text = (request.args.get(name) or "").strip()
    if text == "":
        return None, f"'{name}' is missing."
    try:
        number = float(text)
    except ValueError:
        return None, f"'{name}' is not a number: {text!r}."
    low, high = LIMITS[name]
    if math.isnan(number) or math.isinf(number) or number < low or number > high:
        return None, f"'{name}' must lie within {low:g}..{high:g}."
    return number, None


def create_app(config=None):
    app = Flask(__name__)
    app.config.update(DEFAULTS)
    if config:
        app.config.update(config)
    app.extensions["weather_cache"] = TTLCache(app.config["WEATHER_CACHE_TTL"])

    @app.route("/weather", methods=["GET"])
    def weather():
        lat, problem = parse("lat")
        if problem is None:
            lon, problem = parse("lon")
        if problem is not None:
            return jsonify(error="bad_request", message=problem), 400

        key = (round(lat, 2), round(lon, 2))
        store = current_app.extensions["weather_cache"]
        hit = store.get(key)
        if hit is None:
            try:
                fresh = OpenMeteo(current_app.config["WEATHER_TIMEOUT"]).current(lat, lon)
            except UpstreamError as exc:
                return jsonify(error="upstream_error", message=exc.message), exc.status
            store.set(key, fresh)
        body = dict(hit or fresh)
        body.update(city_name=request.args.get("city_name") or None, latitude=lat,
                    longitude=lon, cached=hit is not None)
        return jsonify(body)

    @app.errorhandler(HTTPException)
    def http_error(exc):
        return jsonify(error=exc.name.lower().replace(" ", "_"), message=exc.description), exc.code

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
