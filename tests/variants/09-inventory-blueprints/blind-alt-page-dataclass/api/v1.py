from flask import Blueprint, jsonify

from api.pagination import Page
from inventory import all_items

bp = Blueprint("v1", __name__)


@bp.get("/items", endpoint="list_items")
def items_v1():
    return jsonify(Page.from_request().cut(all_items()))
