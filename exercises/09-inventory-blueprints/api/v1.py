"""Version 1: GET /items answers a plain JSON array, one page of the inventory.

The blueprint does not know its URL prefix: create_app mounts it under /v1 (see app.py).
"""

from flask import Blueprint, abort

from api.pagination import page_args  # noqa: F401  (you will need it)
from inventory import all_items  # noqa: F401  (you will need it)

bp = Blueprint("v1", __name__)


@bp.get("/items")
def list_items():
    # TODO: offset, limit = page_args(), then answer one page of all_items() as a plain list:
    #       the items from position offset, at most limit of them.
    abort(501, description="GET /v1/items is not written yet: see the TODO in api/v1.py.")
