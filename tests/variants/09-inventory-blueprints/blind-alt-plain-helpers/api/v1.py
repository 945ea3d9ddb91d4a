"""Version 1: the page as a bare JSON array."""

from flask import Blueprint, jsonify

from api.pagination import offset_and_limit
from inventory import all_items


def make_blueprint():
    bp = Blueprint("v1", __name__)

    @bp.route("/items", methods=["GET"])
    def list_items():
        offset, limit = offset_and_limit()
        return jsonify(all_items()[offset:offset + limit])

    return bp
