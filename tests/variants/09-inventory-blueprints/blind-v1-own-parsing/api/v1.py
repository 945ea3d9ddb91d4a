"""Version 1: GET /items answers a plain JSON array, one page of the inventory."""

from flask import Blueprint, abort, request

from api.pagination import DEFAULT_LIMIT, MAX_LIMIT
from inventory import all_items

bp = Blueprint("v1", __name__)


@bp.get("/items")
def list_items():
    # v1 is frozen for its old clients: it keeps the parsing it always had.
    values = {}
    for name, default in (("offset", 0), ("limit", DEFAULT_LIMIT)):
        raw = request.args.get(name)
        try:
            values[name] = default if raw is None else int(raw)
        except ValueError:
            abort(400, description=f"{name} must be a whole number, got {raw!r}")
    offset, limit = values["offset"], min(values["limit"], MAX_LIMIT)
    return all_items()[offset:offset + limit]
