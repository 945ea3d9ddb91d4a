"""The Open-Meteo client: weather or a GatewayFailure, nothing else."""

import requests

FORECAST_URL = "https://api.open-meteo.com/v1/forecast"
VARIABLES = ("temperature_2m", "apparent_temperature", "precipitation", "wind_speed_10m")
CONNECT_TIMEOUT = 3.05


class GatewayFailure(Exception):
    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message


class OpenMeteo:
    def __init__(self, timeout):
        self.timeout = timeout
        self.session = requests.Session()

    def current(self, latitude, longitude):
        # (connect, read): the read part, the longer one, is WEATHER_TIMEOUT.
        timeout = (min(CONNECT_TIMEOUT, self.timeout), self.timeout)
        query = {"latitude": latitude, "longitude": longitude, "current": ",".join(VARIABLES)}
        try:
            reply = self.session.get(FORECAST_URL, params=query, timeout=timeout)
        except requests.Timeout as exc:
            raise GatewayFailure(504, "Open-Meteo took too long to answer.") from exc
        except requests.RequestException as exc:
            raise GatewayFailure(502, "Open-Meteo could not be reached.") from exc
        if not reply.ok:
            raise GatewayFailure(502, f"Open-Meteo answered HTTP {reply.status_code}.")
        try:
            payload = reply.json()
        except ValueError as exc:
            raise GatewayFailure(502, "Open-Meteo answered something that is not JSON.") from exc
        if not isinstance(payload, dict) or not isinstance(payload.get("current"), dict):
            raise GatewayFailure(502, "Open-Meteo's answer has no current weather.")
        return {"current": payload["current"], "current_units": payload.get("current_units", {})}
