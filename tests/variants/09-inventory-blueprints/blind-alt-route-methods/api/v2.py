from itertools import islice

from flask import Blueprint, request

from api.pagination import page_args
from inventory import all_items

bp = Blueprint("v2", __name__)


def filtered(items, category):
    if not category:
        return list(items)
    key = category.casefold()
    return [item for item in items if item["category"].casefold() == key]


@bp.route("/items", methods=["GET"])
def list_items():
    offset, limit = page_args()
    items = filtered(all_items(), request.args.get("category", "").strip())
    page = list(islice(items, offset, offset + limit))
    return {"items": page, "total": len(items), "offset": offset, "limit": limit,
            "has_more": offset + len(page) < len(items)}
