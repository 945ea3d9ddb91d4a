"""Version 2: GET /items with an optional category filter and a pagination envelope.

    {"items": [...], "total": 7, "offset": 0, "limit": 10, "has_more": false}

The envelope is the reason v2 exists: a plain array cannot say how many items there are in all,
or whether another page follows, and adding that to v1 would break v1's clients.
"""

from flask import Blueprint, request

from api.pagination import page_args
from inventory import all_items

bp = Blueprint("v2", __name__)


@bp.get("/items")
def list_items():
    offset, limit = page_args()
    items = all_items()

    # Filter first, then count, then slice: total and has_more describe the filtered set.
    # casefold() is lower() for every alphabet, so "tools", "Tools" and "TOOLS" all match.
    # An unknown category is not an error: the answer is simply an empty page.
    category = request.args.get("category", "").strip()
    if category:
        wanted = category.casefold()
        items = [item for item in items if item["category"].casefold() == wanted]

    total = len(items)
    page = items[offset:offset + limit]
    return {
        "items": page,
        "total": total,
        "offset": offset,
        "limit": limit,
        # More items exist beyond this page. Not "len(page) == limit": a page that ends
        # exactly at the last item is full, and yet nothing follows it.
        "has_more": offset + len(page) < total,
    }
