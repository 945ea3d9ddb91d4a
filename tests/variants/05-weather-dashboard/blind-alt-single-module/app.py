"""Lesson 05 in one module: GET /weather, answered from Open-Meteo or from a per-app TTL cache."""

import math
import time

import requests
from flask import Flask, current_app, jsonify, request

OPEN_METEO = "https://api.open-meteo.com/v1/forecast"
DEFAULTS = {"WEATHER_CACHE_TTL": 600, "WEATHER_TIMEOUT": 5}
BOUNDS = {"lat": (-90, 90), "lon": (-180, 180)}


def problem(status, error, message):
    return jsonify({"error": error, "message": message}), status


def parse(name):
    """(value, None) or (None, a 400 response)."""
    if not request.args.get(name, "").strip():
        return None, problem(400, "missing_parameter", f"The query parameter {name} is required.")
    value = request.args.get(name, type=float)     # None when float() refuses it
    if value is None:
        return None, problem(400, "not_a_number", f"The query parameter {name} is not a number.")
    low, high = BOUNDS[name]
    if not (math.isfinite(value) and low <= value <= high):
        return None, problem(400, "out_of_range", f"The query parameter {name} must be in {low}..{high}.")
    return value, None


def cache_get(key):
    entries = current_app.extensions["weather_cache"]
    found = entries.get(key)
    if found is None:
        return None
    expires_at, weather = found
    if time.monotonic() >= expires_at:
        entries.pop(key, None)
        return None
    return weather


def cache_put(key, weather):
    ttl = current_app.config["WEATHER_CACHE_TTL"]
    current_app.extensions["weather_cache"][key] = (time.monotonic() + ttl, weather)


def ask_open_meteo(lat, lon):
    """(weather, None) or (None, a 502/504 response)."""
    try:
        r = requests.get(
            OPEN_METEO,
            params=[("latitude", lat), ("longitude", lon),
                    ("current", "temperature_2m,precipitation,cloud_cover,wind_speed_10m")],
            timeout=current_app.config["WEATHER_TIMEOUT"],
        )
        r.raise_for_status()
        data = r.json()
    except requests.Timeout:
        return None, problem(504, "upstream_error", "Open-Meteo did not answer in time.")
    except requests.HTTPError as exc:
        return None, problem(502, "upstream_error", f"Open-Meteo failed with {exc.response.status_code}.")
    except (requests.RequestException, ValueError):
        return None, problem(502, "upstream_error", "Open-Meteo could not be reached or sent no JSON.")
    if not (isinstance(data, dict) and isinstance(data.get("current"), dict)):
        return None, problem(502, "upstream_error", "Open-Meteo sent no current weather.")
    return {"current": data["current"], "current_units": data.get("current_units", {})}, None


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping({**DEFAULTS, **(config or {})})
    app.extensions["weather_cache"] = {}

    @app.route("/weather", methods=["GET"])
    def weather():
        lat, failure = parse("lat")
        if failure:
            return failure
        lon, failure = parse("lon")
        if failure:
            return failure
        key = (round(lat, 2), round(lon, 2))
        forecast = cache_get(key)
        from_cache = forecast is not None
        if not from_cache:
            forecast, failure = ask_open_meteo(lat, lon)
            if failure:
                return failure
            cache_put(key, forecast)
        return jsonify(city_name=request.args.get("city_name") or None, latitude=lat,
                       longitude=lon, current=forecast["current"],
                       current_units=forecast["current_units"], cached=from_cache)

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
