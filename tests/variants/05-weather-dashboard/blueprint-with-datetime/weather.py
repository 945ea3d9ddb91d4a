import math
from datetime import datetime, timedelta, timezone

import requests
from flask import Blueprint, abort, current_app, request

bp = Blueprint("weather", __name__)
OPEN_METEO = "https://api.open-meteo.com/v1/forecast"


def number(name, bound):
    text = request.args.get(name, "")
    try:
        value = float(text)
    except ValueError:
        abort(400, f"'{name}' must be a number between -{bound} and {bound}")
    if not math.isfinite(value) or abs(value) > bound:
        abort(400, f"'{name}' must be a number between -{bound} and {bound}")
    return value


@bp.route("/weather")
def show():
    lat, lon = number("lat", 90), number("lon", 180)
    key = f"{lat:.2f},{lon:.2f}"
    forecasts = current_app.extensions["forecasts"]
    now = datetime.now(timezone.utc)
    ttl = timedelta(seconds=current_app.config["WEATHER_CACHE_TTL"])

    hit = forecasts.get(key)
    if hit and now - hit[0] < ttl:
        current, cached = hit[1], True
    else:
        try:
            r = requests.get(OPEN_METEO, timeout=current_app.config["WEATHER_TIMEOUT"], params={
                "latitude": lat, "longitude": lon, "current": "temperature_2m,wind_speed_10m"})
        except requests.Timeout:
            abort(504, "Open-Meteo timed out")
        except requests.RequestException:
            abort(502, "Open-Meteo is unreachable")
        if not r.ok:
            abort(502, f"Open-Meteo answered {r.status_code}")
        current, cached = r.json()["current"], False
        forecasts[key] = (now, current)

    return {"city_name": request.args.get("city_name"), "lat": lat, "lon": lon,
            "temperature": current["temperature_2m"], "wind": current["wind_speed_10m"],
            "cached": cached}
