"""The inventory both API versions serve, and where it comes from.

The items live in the app's config under INVENTORY: create_app starts from SAMPLE_ITEMS and any
config mapping may replace them (the checks pass their own list). Views read the items through
current_app at request time, so this module never needs the app object itself.
"""

from flask import current_app

# 25 items in 4 categories: enough for three pages of 10, and for pagination edges to show.
SAMPLE_ITEMS = [
    {"id": 1, "name": "Laptop stand", "category": "Electronics", "quantity": 14},
    {"id": 2, "name": "Hammer", "category": "Tools", "quantity": 32},
    {"id": 3, "name": "Chef's knife", "category": "Kitchen", "quantity": 9},
    {"id": 4, "name": "Garden gloves", "category": "Garden", "quantity": 40},
    {"id": 5, "name": "USB-C charger", "category": "Electronics", "quantity": 55},
    {"id": 6, "name": "Adjustable wrench", "category": "Tools", "quantity": 18},
    {"id": 7, "name": "Cast-iron pan", "category": "Kitchen", "quantity": 7},
    {"id": 8, "name": "Watering can", "category": "Garden", "quantity": 22},
    {"id": 9, "name": "Bluetooth speaker", "category": "Electronics", "quantity": 11},
    {"id": 10, "name": "Screwdriver set", "category": "Tools", "quantity": 25},
    {"id": 11, "name": "Cutting board", "category": "Kitchen", "quantity": 30},
    {"id": 12, "name": "Pruning shears", "category": "Garden", "quantity": 16},
    {"id": 13, "name": "Wireless mouse", "category": "Electronics", "quantity": 48},
    {"id": 14, "name": "Tape measure", "category": "Tools", "quantity": 60},
    {"id": 15, "name": "Kettle", "category": "Kitchen", "quantity": 12},
    {"id": 16, "name": "Garden hose", "category": "Garden", "quantity": 8},
    {"id": 17, "name": "HDMI cable", "category": "Electronics", "quantity": 75},
    {"id": 18, "name": "Cordless drill", "category": "Tools", "quantity": 6},
    {"id": 19, "name": "Mixing bowls", "category": "Kitchen", "quantity": 21},
    {"id": 20, "name": "Trowel", "category": "Garden", "quantity": 27},
    {"id": 21, "name": "Webcam", "category": "Electronics", "quantity": 19},
    {"id": 22, "name": "Spirit level", "category": "Tools", "quantity": 13},
    {"id": 23, "name": "Coffee grinder", "category": "Kitchen", "quantity": 5},
    {"id": 24, "name": "Seed tray", "category": "Garden", "quantity": 90},
    {"id": 25, "name": "Mechanical keyboard", "category": "Electronics", "quantity": 10},
]


def all_items():
    """Every item of the current app, in a stable order (the order of the config list)."""
    return current_app.config["INVENTORY"]
