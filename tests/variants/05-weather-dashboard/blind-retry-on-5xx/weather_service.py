"""Talking to Open-Meteo: one function that returns the current weather, or raises UpstreamError."""

import requests

FORECAST_URL = "https://api.open-meteo.com/v1/forecast"
CURRENT_VARIABLES = "temperature_2m,relative_humidity_2m,wind_speed_10m,weather_code"
ATTEMPTS = 2    # a 5xx or a dropped connection is often transient: try once more


class UpstreamError(Exception):
    """The weather service failed us. `status` is what our API answers: 502 or 504."""

    def __init__(self, message, status=502):
        super().__init__(message)
        self.message = message
        self.status = status


def fetch_current_weather(lat, lon, timeout):
    """Current conditions at (lat, lon) as {"current": {...}, "current_units": {...}}."""
    params = {"latitude": lat, "longitude": lon, "current": CURRENT_VARIABLES}
    for attempt in range(1, ATTEMPTS + 1):
        try:
            response = requests.get(FORECAST_URL, params=params, timeout=timeout)
            response.raise_for_status()
            data = response.json()
            break
        except requests.Timeout as exc:
            raise UpstreamError("The weather service did not answer in time.", 504) from exc
        except requests.HTTPError as exc:
            if attempt < ATTEMPTS and exc.response.status_code >= 500:
                continue
            raise UpstreamError(
                f"The weather service answered {exc.response.status_code}.", 502) from exc
        except requests.ConnectionError as exc:
            if attempt < ATTEMPTS:
                continue
            raise UpstreamError("The weather service could not be reached.", 502) from exc
        except (requests.RequestException, ValueError) as exc:
            raise UpstreamError("The weather service could not be reached.", 502) from exc

    current = data.get("current") if isinstance(data, dict) else None
    if not isinstance(current, dict):
        raise UpstreamError("The weather service sent no current weather.", 502)
    return {"current": current, "current_units": data.get("current_units", {})}
