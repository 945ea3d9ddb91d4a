"""fetch_current_weather: Open-Meteo's current conditions, or UpstreamError."""

import requests
from requests.exceptions import ConnectTimeout, ReadTimeout, RequestException

FORECAST_URL = "https://api.open-meteo.com/v1/forecast"
VARIABLES = ["temperature_2m", "relative_humidity_2m", "weather_code"]


class UpstreamError(Exception):
    def __init__(self, message, status=502):
        super().__init__(message)
        self.message, self.status = message, status


def fetch_current_weather(lat, lon, timeout):
    try:
        r = requests.get(
            FORECAST_URL,
            params=[("latitude", lat), ("longitude", lon), ("current", ",".join(VARIABLES))],
            timeout=(timeout, timeout),
        )
        if r.status_code >= 400:
            raise UpstreamError(f"upstream status {r.status_code}", 502)
        data = r.json()
    except (ConnectTimeout, ReadTimeout):
        raise UpstreamError("upstream timed out", 504) from None
    except UpstreamError:
        raise
    except (RequestException, ValueError):
        raise UpstreamError("upstream unreachable or answered garbage", 502) from None
    if not isinstance(data, dict) or not isinstance(data.get("current"), dict):
        raise UpstreamError("upstream sent no current weather", 502)
    return {"current": data["current"], "current_units": data.get("current_units", {})}
