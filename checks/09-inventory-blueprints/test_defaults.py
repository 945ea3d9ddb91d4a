"""Lesson 09: what create_app serves when the config brings no inventory.

`flaskcourse serve` and `flask run` build the app with no config at all, so the sample items
have to be one of the app's own defaults. This module's app_config leaves INVENTORY out.
"""

import pytest

from flaskcourse.checking import expect


@pytest.fixture
def app_config():
    return {}


def test_serves_sample_items_without_config(client):
    """with no INVENTORY in the config, GET /v2/items still serves the sample items"""
    e = expect(client.get("/v2/items")).status(200)
    body = e.json_object()
    total = body.get("total")
    e.that(isinstance(total, int) and not isinstance(total, bool) and total > 0,
           "a total above 0: create_app's defaults include sample items",
           help="Give create_app a default INVENTORY (the starter's SAMPLE_ITEMS) before it "
                "merges the config, so `flask run` has something to serve.")
