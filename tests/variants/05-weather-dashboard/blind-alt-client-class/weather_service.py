"""Open-Meteo client: a small class; every failure becomes UpstreamError(status)."""

import requests

FORECAST_URL = "https://api.open-meteo.com/v1/forecast"


class UpstreamError(Exception):
    def __init__(self, message, status=502):
        super().__init__(message)
        self.message = message
        self.status = status


class OpenMeteo:
    fields = ("temperature_2m", "apparent_temperature", "wind_speed_10m")

    def __init__(self, timeout):
        self.timeout = timeout

    def current(self, lat, lon):
        query = {"latitude": lat, "longitude": lon, "current": ",".join(self.fields)}
        try:
            reply = requests.get(FORECAST_URL, params=query, timeout=self.timeout)
        except requests.exceptions.Timeout as exc:
            raise UpstreamError("Open-Meteo timed out.", 504) from exc
        except requests.exceptions.RequestException as exc:
            raise UpstreamError("Open-Meteo is unreachable.", 502) from exc
        if not reply.ok:
            raise UpstreamError(f"Open-Meteo failed with HTTP {reply.status_code}.", 502)
        try:
            payload = reply.json()
        except ValueError as exc:
            raise UpstreamError("Open-Meteo sent something that is not JSON.", 502) from exc
        if not isinstance(payload, dict) or not isinstance(payload.get("current"), dict):
            raise UpstreamError("Open-Meteo sent no current weather.", 502)
        return {"current": payload["current"], "current_units": payload.get("current_units") or {}}


def fetch_current_weather(lat, lon, timeout):
    return OpenMeteo(timeout).current(lat, lon)
