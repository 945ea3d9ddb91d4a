"""Lesson 05: the cache TTL and the timeout come from config, so the checks choose values the app
does not default to."""

import pytest

# Not the app's default (600): a cache that ignores WEATHER_CACHE_TTL is caught.
CHECK_TTL = 300


# Not the app's default (5) either: a timeout written into the code is caught.
CHECK_TIMEOUT = 2.5


@pytest.fixture
def app_config():
    return {"WEATHER_CACHE_TTL": CHECK_TTL, "WEATHER_TIMEOUT": CHECK_TIMEOUT}
