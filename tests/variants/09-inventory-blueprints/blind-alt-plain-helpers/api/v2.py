"""Version 2: optional category filter, envelope with total and has_more."""

from flask import Blueprint, jsonify, request

from api.pagination import offset_and_limit
from inventory import all_items


def make_blueprint():
    bp = Blueprint("v2", __name__)

    @bp.route("/items", methods=["GET"])
    def list_items():
        offset, limit = offset_and_limit()
        wanted = request.args.get("category", default="").strip().casefold()
        matching = list(all_items())
        if wanted:
            matching = list(filter(lambda item: item["category"].casefold() == wanted, matching))
        end = offset + limit
        return jsonify({
            "items": matching[offset:end],
            "total": len(matching),
            "offset": offset,
            "limit": limit,
            "has_more": end < len(matching),
        })

    return bp
