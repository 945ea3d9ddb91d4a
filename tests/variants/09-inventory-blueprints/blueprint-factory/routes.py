from itertools import islice

from flask import Blueprint, current_app, request

from errors import QueryError

from inventory import SAMPLE_ITEMS as DEMO


def _int_arg(name, default, low):
    text = request.args.get(name)
    if text is None:
        return default
    try:
        value = int(text)
    except ValueError:
        raise QueryError(f"'{name}' must be an integer") from None
    if value < low:
        raise QueryError(f"'{name}' must be >= {low}")
    return value


def items_blueprint(name, *, envelope):
    bp = Blueprint(name, __name__)

    @bp.route("/items", methods=["GET"])
    def items():
        offset = _int_arg("offset", 0, 0)
        limit = min(_int_arg("limit", 10, 1), 100)
        rows = current_app.config.get("INVENTORY", DEMO)
        if not envelope:
            return list(islice(rows, offset, offset + limit))
        category = request.args.get("category", "").strip()
        if category:
            rows = [r for r in rows if r["category"].casefold() == category.casefold()]
        return {"items": list(islice(rows, offset, offset + limit)), "total": len(rows),
                "offset": offset, "limit": limit, "has_more": offset + limit < len(rows)}

    return bp
