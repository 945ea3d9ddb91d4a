"""Lesson 05: a weather dashboard. GET /weather asks Open-Meteo once, then answers from a cache.

    GET /weather?city_name=Berlin&lat=52.52&lon=13.41
      -> 200 {"city_name": "Berlin", "latitude": 52.52, "longitude": 13.41,
              "current": {...}, "current_units": {...}, "cached": false}

Run it:  python app.py   or   flask --app app run   (this talks to the real Open-Meteo API)

Work in this order: cache.py, weather_service.py, then the TODOs below.
"""

from flask import Flask, abort, current_app, request  # noqa: F401  (the TODOs need them)
from werkzeug.exceptions import HTTPException

from cache import TTLCache  # noqa: F401
from weather_service import UpstreamError, fetch_current_weather  # noqa: F401

DEFAULTS = {
    "WEATHER_CACHE_TTL": 600,     # seconds a forecast is reused before we ask again
    "WEATHER_TIMEOUT": 5,         # seconds to wait for Open-Meteo before giving up
}

# Cache keys are (round(lat, KEY_DECIMALS), round(lon, KEY_DECIMALS)): about 1 km.
KEY_DECIMALS = 2


def coordinate(name, low, high):
    """The query parameter `name` as a float between low and high, or a 400 that says why."""
    # TODO: read request.args.get(name). Missing or empty -> abort(400, description=...)
    #       naming the parameter. float() raises ValueError on "abc": catch it -> 400.
    #       Outside low..high -> 400. (Careful: float("nan") works, and NaN compares False
    #       with everything.)
    raise NotImplementedError("coordinate() is not written yet (app.py)")


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    if config:
        app.config.from_mapping(config)

    # TODO: give this app its own cache, built with the TTL from config, and keep it on the
    #       app: app.extensions["weather_cache"] = TTLCache(...). Not in a module global.

    @app.get("/weather")
    def weather():
        # TODO 1. lat = coordinate("lat", -90, 90), lon likewise (-180..180), and the optional
        #         city_name from request.args.
        # TODO 2. Look up the rounded (lat, lon) in current_app.extensions["weather_cache"].
        # TODO 3. Not there: fetch_current_weather(lat, lon, timeout=...) and store the result.
        # TODO 4. Answer {"city_name": ..., "latitude": ..., "longitude": ..., **forecast,
        #         "cached": True or False}.
        abort(501, description="GET /weather is not written yet: see the TODOs in app.py.")

    # TODO: an @app.errorhandler(UpstreamError) that answers
    #       {"error": "upstream_error", "message": error.message} with error.status.

    @app.errorhandler(HTTPException)
    def http_error(error):
        # abort(400), an unknown URL (404) and a wrong method (405) all answer JSON.
        name = error.name.lower().replace(" ", "_")
        return {"error": name, "message": error.description}, error.code

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
