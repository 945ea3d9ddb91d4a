"""Talking to Open-Meteo: one function that returns the current weather, or raises UpstreamError.

Everything that can go wrong on the far side of the network (a timeout, a refused connection,
a 5xx, a body that is not JSON) becomes one exception type with the status *we* should answer.
The view never sees a `requests` exception, so none of them can turn into a 500.
"""

import requests

FORECAST_URL = "https://api.open-meteo.com/v1/forecast"
# The variables we ask for under "current"; Open-Meteo answers with exactly these.
CURRENT_VARIABLES = "temperature_2m,relative_humidity_2m,wind_speed_10m,weather_code"


class UpstreamError(Exception):
    """The weather service failed us. `status` is what our API answers: 502 or 504."""

    def __init__(self, message, status=502):
        super().__init__(message)
        self.message = message
        self.status = status


def fetch_current_weather(lat, lon, timeout):
    """Current conditions at (lat, lon) as {"current": {...}, "current_units": {...}}."""
    params = {"latitude": lat, "longitude": lon, "current": CURRENT_VARIABLES}
    try:
        # Always pass a timeout: without one, requests waits forever on a server that accepted
        # the connection and never answers, and so does the worker thread serving our client.
        response = requests.get(FORECAST_URL, params=params, timeout=timeout)
        # A 4xx or 5xx from Open-Meteo is not weather: turn it into an exception here.
        response.raise_for_status()
        data = response.json()
    # Order matters: ConnectTimeout is both a Timeout and a ConnectionError, so Timeout first.
    except requests.Timeout as exc:
        raise UpstreamError("The weather service did not answer in time.", 504) from exc
    except requests.HTTPError as exc:
        raise UpstreamError(
            f"The weather service answered {exc.response.status_code}.", 502) from exc
    except (requests.RequestException, ValueError) as exc:
        # Connection refused, DNS failure, a body that is not JSON (requests' JSONDecodeError
        # is both a RequestException and a ValueError), ...
        raise UpstreamError("The weather service could not be reached.", 502) from exc

    current = data.get("current") if isinstance(data, dict) else None
    if not isinstance(current, dict):
        raise UpstreamError("The weather service sent no current weather.", 502)
    return {"current": current, "current_units": data.get("current_units", {})}
