"""offset/limit parsing shared by both versions; raises BadQuery on bad input."""

from flask import request

DEFAULT_LIMIT = 10
MAX_LIMIT = 100


class BadQuery(Exception):
    """A query parameter the client got wrong (answered as a JSON 400 by the app)."""


def int_arg(name, default, lowest):
    values = request.args.getlist(name)
    if not values:
        return default
    raw = values[0]
    try:
        number = int(raw, 10)
    except ValueError:
        raise BadQuery(f"{name} must be a whole number, got {raw!r}") from None
    if number < lowest:
        raise BadQuery(f"{name} must be at least {lowest}, got {number}")
    return number


def offset_and_limit():
    offset = int_arg("offset", 0, 0)
    limit = int_arg("limit", DEFAULT_LIMIT, 1)
    if limit > MAX_LIMIT:
        limit = MAX_LIMIT
    return offset, limit
