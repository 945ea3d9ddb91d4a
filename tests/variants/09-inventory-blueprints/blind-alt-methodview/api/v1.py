"""v1: a bare JSON array."""

from flask import Blueprint, jsonify
from flask.views import MethodView

from api.pagination import page_args
from inventory import all_items

bp = Blueprint("v1", __name__)


class ItemList(MethodView):
    def get(self):
        page = page_args()
        return jsonify(all_items()[page.offset:page.offset + page.limit])


bp.add_url_rule("/items", view_func=ItemList.as_view("list_items"))
