from flask import Flask, current_app, jsonify, request

from weather_service import WeatherService, WeatherUnavailable


def parse(name, limit):
    raw = request.args.get(name)
    if not raw:
        return None, f"{name} is required"
    try:
        value = float(raw)
    except ValueError:
        return None, f"{name} must be a number"
    if not (-limit <= value <= limit):
        return None, f"{name} must be within +/-{limit}"
    return value, None


def create_app(config=None):
    app = Flask(__name__)
    app.config["WEATHER_CACHE_TTL"] = 600
    app.config.update(config or {})
    app.extensions["weather"] = WeatherService(app.config["WEATHER_CACHE_TTL"])

    @app.route("/weather", methods=["GET"])
    def weather():
        lat, problem = parse("lat", 90)
        if problem:
            return jsonify(error=problem), 400
        lon, problem = parse("lon", 180)
        if problem:
            return jsonify(error=problem), 400
        try:
            data, cached = current_app.extensions["weather"].current(lat, lon)
        except WeatherUnavailable:
            return jsonify(error="weather service unavailable"), 502
        return jsonify(city_name=request.args.get("city_name"), weather=data, cached=cached)

    return app


if __name__ == "__main__":
    create_app().run()
