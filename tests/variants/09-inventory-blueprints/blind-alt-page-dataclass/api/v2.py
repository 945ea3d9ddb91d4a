from flask import Blueprint, request

from api.pagination import Page
from inventory import all_items

bp = Blueprint("v2", __name__)


@bp.get("/items", endpoint="list_items")
def items_v2():
    page = Page.from_request()
    category = request.args.get("category", "").strip().casefold()
    items = all_items()
    if category:
        items = [item for item in items if item["category"].casefold() == category]
    shown = page.cut(items)
    return {
        "items": shown,
        "total": len(items),
        "offset": page.offset,
        "limit": page.limit,
        "has_more": page.offset + len(shown) < len(items),
    }
