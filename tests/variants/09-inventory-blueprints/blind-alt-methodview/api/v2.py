"""v2: category filter and a pagination envelope."""

from flask import Blueprint, jsonify, request
from flask.views import MethodView

from api.pagination import page_args
from inventory import all_items

bp = Blueprint("v2", __name__)


def in_category(item, wanted):
    return item["category"].casefold() == wanted.casefold()


class ItemList(MethodView):
    def get(self):
        offset, limit = page_args()
        wanted = (request.args.get("category") or "").strip()
        matching = [i for i in all_items() if in_category(i, wanted)] if wanted else list(all_items())
        chunk = matching[offset:offset + limit]
        return jsonify(items=chunk, total=len(matching), offset=offset, limit=limit,
                       has_more=len(matching) > offset + len(chunk))


bp.add_url_rule("/items", view_func=ItemList.as_view("list_items"))
