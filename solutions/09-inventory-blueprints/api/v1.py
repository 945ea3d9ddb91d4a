"""Version 1: GET /items answers a plain JSON array, one page of the inventory.

It stays exactly as it is for the clients that were written against it; anything new goes into
v2. The blueprint does not know its URL prefix: create_app mounts it under /v1.
"""

from flask import Blueprint

from api.pagination import page_args
from inventory import all_items

bp = Blueprint("v1", __name__)


@bp.get("/items")
def list_items():
    offset, limit = page_args()
    # A list is a valid return value: Flask turns it into a JSON array.
    return all_items()[offset:offset + limit]
