"""v1: a plain JSON array."""

from flask import Blueprint, jsonify
from flask.views import MethodView

from api.pagination import Page
from inventory import all_items

bp = Blueprint("v1", __name__)


class ItemList(MethodView):
    def get(self):
        return jsonify(Page.from_request().cut(all_items()))


bp.add_url_rule("/items", view_func=ItemList.as_view("list_items"))
