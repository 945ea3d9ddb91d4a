"""v2: category filter and a pagination envelope."""

from flask import Blueprint, jsonify, request
from flask.views import MethodView

from api.pagination import Page
from inventory import all_items

bp = Blueprint("v2", __name__)


def in_category(items, category):
    key = category.strip().casefold()
    if not key:
        return list(items)
    return [it for it in items if it["category"].casefold() == key]


class ItemList(MethodView):
    def get(self):
        page = Page.from_request()
        chosen = in_category(all_items(), request.args.get("category", ""))
        shown = page.cut(chosen)
        return jsonify(
            items=shown,
            total=len(chosen),
            offset=page.offset,
            limit=page.limit,
            has_more=len(chosen) > page.offset + len(shown),
        )


bp.add_url_rule("/items", view_func=ItemList.as_view("list_items"))
