"""One object per app: the HTTP session, the cache and the TTL travel together."""

import time

import requests


class WeatherUnavailable(Exception):
    pass


class WeatherService:
    URL = "https://api.open-meteo.com/v1/forecast"

    def __init__(self, ttl, timeout=(3.05, 10)):
        self.ttl = ttl
        self.timeout = timeout          # (connect, read) seconds
        self.session = requests.Session()
        self.cache = {}                 # (lat, lon) rounded -> {"data": ..., "timestamp": ...}

    def current(self, lat, lon):
        """(weather, was_cached) for the ~1 km cell around lat, lon."""
        key = (round(lat, 2), round(lon, 2))
        entry = self.cache.get(key)
        if entry and time.time() - entry["timestamp"] < self.ttl:
            return entry["data"], True
        try:
            response = self.session.get(
                self.URL,
                params={"latitude": key[0], "longitude": key[1], "current_weather": "true"},
                timeout=self.timeout,
            )
            response.raise_for_status()
            data = response.json()["current_weather"]
        except (requests.RequestException, ValueError, KeyError, TypeError) as exc:
            raise WeatherUnavailable(str(exc)) from exc
        self.cache[key] = {"data": data, "timestamp": time.time()}
        return data, False
