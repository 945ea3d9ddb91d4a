"""Lesson 05: a weather dashboard. GET /weather asks Open-Meteo once, then answers from a cache.

    GET /weather?city_name=Berlin&lat=52.52&lon=13.41
      -> 200 {"city_name": "Berlin", "latitude": 52.52, "longitude": 13.41,
              "current": {...}, "current_units": {...}, "cached": false}

Run it:  python app.py   or   flask --app app run   (this talks to the real Open-Meteo API)
"""

import math

from flask import Flask, abort, current_app, request
from werkzeug.exceptions import HTTPException

from cache import TTLCache
from weather_service import UpstreamError, fetch_current_weather

DEFAULTS = {
    "WEATHER_CACHE_TTL": 600,     # seconds a forecast is reused before we ask again
    "WEATHER_TIMEOUT": 5,         # seconds to wait for Open-Meteo before giving up
}

# Two decimal places of a degree is about 1 km: closer than that, the weather is the same,
# so 52.5201 and 52.5204 share one cache entry and one upstream call.
KEY_DECIMALS = 2


def coordinate(name, low, high):
    """The query parameter `name` as a float between low and high, or a 400 that says why."""
    raw = request.args.get(name, "").strip()
    if not raw:
        abort(400, description=f"Query parameter '{name}' is required.")
    try:
        value = float(raw)
    except ValueError:
        abort(400, description=f"Query parameter '{name}' must be a number, got {raw!r}.")
    # float() happily reads "nan" and "inf": isfinite() turns them away. A NaN would also
    # slip through `value < low or value > high`, since every comparison with NaN is False.
    if not math.isfinite(value) or not low <= value <= high:
        abort(400, description=f"Query parameter '{name}' must be between {low} and {high}.")
    return value


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    if config:
        app.config.from_mapping(config)

    # The cache belongs to this app, not to the module: two apps built by create_app (two
    # tests, say) must not see each other's entries. The TTL is read from config once here.
    app.extensions["weather_cache"] = TTLCache(app.config["WEATHER_CACHE_TTL"])

    @app.get("/weather")
    def weather():
        # Validate everything before spending a network call on it.
        lat = coordinate("lat", -90, 90)
        lon = coordinate("lon", -180, 180)
        city_name = request.args.get("city_name", "").strip() or None

        cache = current_app.extensions["weather_cache"]
        key = (round(lat, KEY_DECIMALS), round(lon, KEY_DECIMALS))
        forecast = cache.get(key)
        cached = forecast is not None
        if not cached:
            forecast = fetch_current_weather(lat, lon, timeout=current_app.config["WEATHER_TIMEOUT"])
            # Only reached when the fetch succeeded: an error raises past this line, so a
            # failure is never cached and the next request tries Open-Meteo again.
            cache.set(key, forecast)

        # The cache holds the weather only. The city name and the coordinates come from
        # *this* request: a neighbour asking for "Mitte" must not be told "Berlin".
        return {
            "city_name": city_name,
            "latitude": lat,
            "longitude": lon,
            **forecast,
            "cached": cached,
        }

    @app.errorhandler(UpstreamError)
    def upstream_failed(error):
        # 502 Bad Gateway: we are fine, the server behind us is not. 504 for a timeout.
        # Never a 500, which would say "bug in this app" and wake the wrong person.
        return {"error": "upstream_error", "message": error.message}, error.status

    @app.errorhandler(HTTPException)
    def http_error(error):
        # abort(400), an unknown URL (404) and a wrong method (405) all answer JSON too.
        name = error.name.lower().replace(" ", "_")
        return {"error": name, "message": error.description}, error.code

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
