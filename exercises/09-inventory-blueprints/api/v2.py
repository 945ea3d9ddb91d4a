"""Version 2: GET /items with an optional category filter and a pagination envelope.

    {"items": [...], "total": 7, "offset": 0, "limit": 10, "has_more": false}
"""

from flask import Blueprint, abort, request  # noqa: F401  (you will need request)

from api.pagination import page_args  # noqa: F401  (you will need it)
from inventory import all_items  # noqa: F401  (you will need it)

bp = Blueprint("v2", __name__)


@bp.get("/items")
def list_items():
    # TODO 1. offset, limit = page_args()
    # TODO 2. If request.args has a non-empty category, keep only the items of that category,
    #         whatever its case ("tools" finds "Tools"). An unknown category is an empty page.
    # TODO 3. total = how many items are left after the filter (not all of them).
    # TODO 4. Answer {"items": <one page>, "total": ..., "offset": ..., "limit": ...,
    #         "has_more": ...}, where has_more says whether any item comes after this page.
    abort(501, description="GET /v2/items is not written yet: see the TODOs in api/v2.py.")
