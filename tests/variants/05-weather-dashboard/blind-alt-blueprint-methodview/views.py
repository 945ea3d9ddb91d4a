import math

from flask import Blueprint, current_app, jsonify, request
from flask.views import MethodView

from openmeteo import GatewayFailure

weather_bp = Blueprint("weather", __name__)

LIMITS = {"lat": 90.0, "lon": 180.0}


class BadParameter(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def read_coordinate(param):
    text = request.args.get(param)
    if text is None or text.strip() == "":
        raise BadParameter(f"'{param}' is missing: give it as a decimal number.")
    try:
        number = float(text)
    except ValueError:
        raise BadParameter(f"'{param}' is not a number: {text!r}.") from None
    limit = LIMITS[param]
    if not math.isfinite(number) or abs(number) > limit:
        raise BadParameter(f"'{param}' must lie within -{limit:g}..{limit:g}, got {text!r}.")
    return number


class WeatherView(MethodView):
    def get(self):
        lat = read_coordinate("lat")
        lon = read_coordinate("lon")
        cache = current_app.extensions["weather_cache"]
        cell = (round(lat, 2), round(lon, 2))
        hit, weather = cache.lookup(cell)
        if not hit:
            weather = current_app.extensions["open_meteo"].current(lat, lon)
            cache.store(cell, weather)
        body = {"city_name": request.args.get("city_name"), "latitude": lat, "longitude": lon}
        body.update(weather)
        body["cached"] = hit
        return jsonify(body)


weather_bp.add_url_rule("/weather", view_func=WeatherView.as_view("weather"))


@weather_bp.errorhandler(BadParameter)
def bad_parameter(exc):
    return jsonify(error="invalid_parameter", message=exc.message), 400


@weather_bp.errorhandler(GatewayFailure)
def gateway_failure(exc):
    return jsonify(error="upstream_error", message=exc.message), exc.status
