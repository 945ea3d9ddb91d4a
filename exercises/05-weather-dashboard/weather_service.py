"""Talking to Open-Meteo: one function that returns the current weather, or raises UpstreamError.

Docs: https://open-meteo.com/en/docs (no API key needed).
"""

import requests  # noqa: F401  (the TODOs below need it)

FORECAST_URL = "https://api.open-meteo.com/v1/forecast"
# The variables to ask for with the `current` query parameter, comma-separated.
CURRENT_VARIABLES = "temperature_2m,relative_humidity_2m,wind_speed_10m,weather_code"


class UpstreamError(Exception):
    """The weather service failed us. `status` is what our API answers: 502 or 504."""

    def __init__(self, message, status=502):
        super().__init__(message)
        self.message = message
        self.status = status


def fetch_current_weather(lat, lon, timeout):
    """Current conditions at (lat, lon) as {"current": {...}, "current_units": {...}}."""
    # TODO 1. requests.get(FORECAST_URL, params={...}, timeout=timeout) with the query
    #         parameters latitude, longitude and current=CURRENT_VARIABLES.
    # TODO 2. response.raise_for_status(), then response.json().
    # TODO 3. Turn every requests exception into an UpstreamError:
    #           requests.Timeout          -> UpstreamError("...", 504)   (catch this one first!)
    #           requests.HTTPError        -> UpstreamError("...", 502)   (Open-Meteo said 5xx)
    #           requests.RequestException -> UpstreamError("...", 502)   (connection refused, a
    #                                                                    body that is not JSON)
    # TODO 4. No "current" block in the reply: UpstreamError("...", 502). Otherwise return
    #         {"current": data["current"], "current_units": data.get("current_units", {})}.
    raise NotImplementedError("fetch_current_weather is not written yet (weather_service.py)")

