"""Lesson 05: the cache TTL comes from config, so the checks choose one the app does not default to."""

import pytest

# Not the app's default (600): a cache that ignores WEATHER_CACHE_TTL is caught.
CHECK_TTL = 300


@pytest.fixture
def app_config():
    return {"WEATHER_CACHE_TTL": CHECK_TTL}
