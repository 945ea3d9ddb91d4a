"""Lesson 09: the checks bring their own inventory, through config, as the lesson promises.

25 items in four categories, interleaved (a filter has to look at every item), with ids from
101 so that an app serving its own sample list instead of app.config["INVENTORY"] is caught.
"""

import copy

import pytest

CATEGORIES = {
    "Electronics": ["USB-C cable", "Wireless mouse", "Mechanical keyboard", "27-inch monitor",
                    "Webcam", "Headset", "Power bank", "HDMI switch"],
    "Tools": ["Claw hammer", "Cordless drill", "Tape measure", "Screwdriver set", "Spirit level",
              "Utility knife", "Socket wrench"],
    "Garden": ["Watering can", "Pruning shears", "Garden hose", "Trowel", "Leaf rake",
               "Seed tray"],
    "Office": ["Stapler", "Desk lamp", "Notebook A5", "Paper shredder"],
}


def build_inventory():
    """Round-robin over the categories until every name is used: ids 101 to 125."""
    queues = {category: list(names) for category, names in CATEGORIES.items()}
    items = []
    while any(queues.values()):
        for category, names in queues.items():
            if names:
                n = len(items)
                items.append({"id": 101 + n, "name": names.pop(0), "category": category,
                              "quantity": (n * 7) % 23 + 1})
    return items


INVENTORY = build_inventory()


@pytest.fixture
def app_config():
    # A deep copy per check: an app that changes the items cannot spoil the next check.
    return {"INVENTORY": copy.deepcopy(INVENTORY)}


@pytest.fixture
def inventory():
    """The items the app was given, in order."""
    return copy.deepcopy(INVENTORY)
