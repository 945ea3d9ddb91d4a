"""Lesson 09: what create_app serves when the config brings no inventory.

`flaskcourse serve` and `flask run` build the app with no config at all, so the sample items
have to be one of the app's own defaults. This module's app_config leaves INVENTORY out.
"""

import pytest

from flaskcourse.checking import expect, show_json

# inventory.py's SAMPLE_ITEMS, as the starter ships them (the lesson's "Try it" shows them).
SAMPLE = [(1, "Laptop stand", "Electronics", 14), (2, "Hammer", "Tools", 32),
          (3, "Chef's knife", "Kitchen", 9), (4, "Garden gloves", "Garden", 40),
          (5, "USB-C charger", "Electronics", 55), (6, "Adjustable wrench", "Tools", 18),
          (7, "Cast-iron pan", "Kitchen", 7), (8, "Watering can", "Garden", 22),
          (9, "Bluetooth speaker", "Electronics", 11), (10, "Screwdriver set", "Tools", 25),
          (11, "Cutting board", "Kitchen", 30), (12, "Pruning shears", "Garden", 16),
          (13, "Wireless mouse", "Electronics", 48), (14, "Tape measure", "Tools", 60),
          (15, "Kettle", "Kitchen", 12), (16, "Garden hose", "Garden", 8),
          (17, "HDMI cable", "Electronics", 75), (18, "Cordless drill", "Tools", 6),
          (19, "Mixing bowls", "Kitchen", 21), (20, "Trowel", "Garden", 27),
          (21, "Webcam", "Electronics", 19), (22, "Spirit level", "Tools", 13),
          (23, "Coffee grinder", "Kitchen", 5), (24, "Seed tray", "Garden", 90),
          (25, "Mechanical keyboard", "Electronics", 10)]
SAMPLE_ITEMS = [{"id": i, "name": n, "category": c, "quantity": q} for i, n, c, q in SAMPLE]
FIELDS = ("id", "name", "category", "quantity")


@pytest.fixture
def app_config():
    return {}


def test_serves_sample_items_without_config(client):
    """with no INVENTORY in the config, both versions serve the 25 sample items of inventory.py"""
    e = expect(client.get("/v2/items?limit=100")).status(200)
    body = e.json_object()
    total = body.get("total")
    e.that(isinstance(total, int) and not isinstance(total, bool) and total > 0,
           "a total above 0: create_app's defaults include sample items",
           got=f'"total": {show_json(total)}',
           help="Give create_app a default INVENTORY (the starter's SAMPLE_ITEMS) before it "
                "merges the config, so `flask run` has something to serve.")
    e = expect(client.get("/v1/items?limit=100")).status(200)
    items = e.json()
    got = [{k: i.get(k) for k in FIELDS} if isinstance(i, dict) else i for i in items] \
        if isinstance(items, list) else items
    for n, (want, have) in enumerate(zip(SAMPLE_ITEMS, got if isinstance(got, list) else [])):
        e.that(want == have, f"item {n + 1}: {show_json(want)}", got=show_json(have),
               help="inventory.py ships finished: serve its SAMPLE_ITEMS unchanged, in order.")
    e.that(isinstance(got, list) and len(got) == len(SAMPLE_ITEMS),
           f"all {len(SAMPLE_ITEMS)} sample items", got=f"{len(got) if isinstance(got, list) else got}")


def test_sample_items_stay_the_default_after_an_app_with_its_own(make_app):
    """an app built without INVENTORY right after one built with other items serves the samples"""
    own = [{"id": 901 + n, "name": f"Checks' item {n + 1}", "category": "Tools", "quantity": 1}
           for n in range(5)]
    make_app(INVENTORY=own).test_client().get("/v1/items")
    client = make_app(reimport=False).test_client()
    e = expect(client.get("/v1/items?limit=100"))
    e.request = (f"{e.request}   (the second of two apps built in one process: the first with "
                 "5 items of the checks' own, ids 901 to 905, in config INVENTORY, this one "
                 "with no INVENTORY)")
    items = e.status(200).json()
    got = [i.get("id") if isinstance(i, dict) else i for i in items] \
        if isinstance(items, list) else items
    want = [item["id"] for item in SAMPLE_ITEMS]
    e.that(got == want, f"the 25 sample items, ids {want[0]} to {want[-1]}",
           got=f"ids {show_json(got)}",
           help="Merge each app's config into its own app.config, after DEFAULTS. Updating "
                "DEFAULTS itself with a config changes the defaults of every app built "
                "after it in the same process.")
