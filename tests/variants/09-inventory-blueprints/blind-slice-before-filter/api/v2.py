"""Version 2: GET /items with an optional category filter and a pagination envelope."""

from flask import Blueprint, request

from api.pagination import page_args
from inventory import all_items

bp = Blueprint("v2", __name__)


def matches(item, category):
    return not category or item["category"].casefold() == category.casefold()


@bp.get("/items")
def list_items():
    offset, limit = page_args()
    category = request.args.get("category", "").strip()
    items = all_items()

    page = items[offset:offset + limit]
    page = [item for item in page if matches(item, category)]
    total = len([item for item in items if matches(item, category)])
    return {
        "items": page,
        "total": total,
        "offset": offset,
        "limit": limit,
        "has_more": offset + len(page) < total,
    }
