"""Open-Meteo over a requests.Session; failures become UpstreamError."""

import requests

FORECAST_URL = "https://api.open-meteo.com/v1/forecast"


class UpstreamError(Exception):
    def __init__(self, message, status=502):
        super().__init__(message)
        self.message = message
        self.status = status


def fetch_current_weather(lat, lon, timeout, session=None):
    http = session or requests.Session()
    try:
        resp = http.get(FORECAST_URL, timeout=timeout, params={
            "latitude": lat, "longitude": lon,
            "current": "temperature_2m,precipitation,wind_speed_10m",
        })
        resp.raise_for_status()
        doc = resp.json()
    except requests.Timeout:
        raise UpstreamError("Open-Meteo took too long.", 504)
    except requests.RequestException as exc:   # HTTPError, ConnectionError, JSONDecodeError...
        raise UpstreamError(f"Open-Meteo failed: {type(exc).__name__}.", 502)
    finally:
        if session is None:
            http.close()
    current = doc.get("current") if isinstance(doc, dict) else None
    if not isinstance(current, dict):
        raise UpstreamError("Open-Meteo sent no current weather.", 502)
    return {"current": current, "current_units": doc.get("current_units") or {}}
