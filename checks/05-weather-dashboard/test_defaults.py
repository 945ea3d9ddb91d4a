"""Lesson 05: the app's own defaults, for `flask run` and `flaskcourse serve`, which pass no config.

This module's app_config leaves out WEATHER_CACHE_TTL and WEATHER_TIMEOUT.
"""

import pytest

from flaskcourse.checking import expect

FORECAST_URL = "https://api.open-meteo.com/v1/forecast"
FORECAST = {"latitude": 52.52, "longitude": 13.41,
            "current_units": {"time": "iso8601", "interval": "seconds", "temperature_2m": "°C",
                              "relative_humidity_2m": "%", "wind_speed_10m": "km/h",
                              "weather_code": "wmo code"},
            "current": {"time": "2025-05-01T12:00", "interval": 900, "temperature_2m": 17.3,
                        "relative_humidity_2m": 48, "wind_speed_10m": 11.2, "weather_code": 3}}
BERLIN = "/weather?city_name=Berlin&lat=52.52&lon=13.41"


@pytest.fixture
def app_config():
    return {}


def test_defaults_are_600_and_5(clock, client, mock_http):
    """with no config, the call waits at most 5 seconds and an entry lives 600 seconds"""
    mock_http.get(FORECAST_URL, json=FORECAST)
    first = client.get(BERLIN)
    e = expect(first).status(200)
    timeout = mock_http.calls[0].request.req_kwargs.get("timeout") if mock_http.calls else None
    parts = list(timeout) if isinstance(timeout, (tuple, list)) else [timeout]
    e.that(all(isinstance(p, (int, float)) and not isinstance(p, bool) for p in parts)
           and max(parts) == 5,
           "timeout=5 (WEATHER_TIMEOUT's default) when the config sets none",
           got=f"timeout={timeout!r}",
           help="Keep DEFAULTS = {\"WEATHER_CACHE_TTL\": 600, \"WEATHER_TIMEOUT\": 5} and load "
                "them into app.config before the caller's config.")
    clock.advance(599)
    again = client.get(BERLIN)
    e = expect(again, after=[first, "599 seconds pass"]).status(200)
    e.that(len(mock_http.calls) == 1, "the answer from the cache: 599 s is within the default "
           "TTL of 600 s", got=f"{len(mock_http.calls)} calls to Open-Meteo")
    clock.advance(1)
    late = client.get(BERLIN)
    e = expect(late, after=[first, again, "another second passes: 600 in all"]).status(200)
    e.that(len(mock_http.calls) == 2, "a new call to Open-Meteo: the entry is 600 s old, the "
           "default WEATHER_CACHE_TTL", got=f"{len(mock_http.calls)} calls to Open-Meteo",
           help="WEATHER_CACHE_TTL defaults to 600 seconds.")
