"""Lesson 05 with a MethodView and raised HTTP errors."""

import math

from flask import Flask, current_app, request
from flask.views import MethodView
from werkzeug.exceptions import BadRequest, HTTPException

from cache import TTLCache
from weather_service import UpstreamError, fetch_current_weather

DEFAULTS = {"WEATHER_CACHE_TTL": 600, "WEATHER_TIMEOUT": 5}


def number_in(name, bound):
    raw = request.args.get(name)
    if raw is None or not raw.strip():
        raise BadRequest(f"Missing query parameter {name}.")
    try:
        value = float(raw)
    except ValueError:
        raise BadRequest(f"Query parameter {name} is not a number.") from None
    if not (math.isfinite(value) and abs(value) <= bound):
        raise BadRequest(f"Query parameter {name} must be within -{bound}..{bound}.")
    return value


class WeatherView(MethodView):
    def get(self):
        lat = number_in("lat", 90)
        lon = number_in("lon", 180)
        cache = current_app.extensions["weather_cache"]
        key = round(lat, 2), round(lon, 2)
        weather = cache.get(key)
        from_cache = weather is not None
        if not from_cache:
            weather = fetch_current_weather(lat, lon, current_app.config["WEATHER_TIMEOUT"])
            cache.set(key, weather)
        city = request.args.get("city_name")
        return {"city_name": city if city else None, "latitude": lat, "longitude": lon,
                "current": weather["current"], "current_units": weather["current_units"],
                "cached": from_cache}


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    app.config.from_mapping(config or {})
    app.extensions["weather_cache"] = TTLCache(app.config["WEATHER_CACHE_TTL"])
    app.add_url_rule("/weather", view_func=WeatherView.as_view("weather"))
    app.register_error_handler(
        UpstreamError, lambda e: ({"error": "upstream_error", "message": e.message}, e.status))
    app.register_error_handler(
        HTTPException, lambda e: ({"error": e.name, "message": e.description}, e.code))
    return app


if __name__ == "__main__":
    create_app().run(debug=True)
