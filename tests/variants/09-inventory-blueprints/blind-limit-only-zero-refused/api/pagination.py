"""Reading offset and limit from the query string, shared by both API versions."""

from flask import abort, request

DEFAULT_LIMIT = 10   # items per page when the client does not say
MAX_LIMIT = 100      # the most a client may ask for in one request


def read_int(name, default):
    """The query parameter ``name`` as an int, its default when absent, or a 400."""
    raw = request.args.get(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        abort(400, description=f"{name} must be a whole number, got {raw!r}")


def page_args():
    """(offset, limit) for this request: validated, with limit capped at MAX_LIMIT."""
    offset = read_int("offset", 0)
    if offset < 0:
        abort(400, description=f"offset must be at least 0, got {offset}")
    limit = read_int("limit", DEFAULT_LIMIT)
    # limit=0 would make a client paging with offset += limit loop forever.
    if not limit:
        abort(400, description=f"limit must be at least 1, got {limit}")
    return offset, min(limit, MAX_LIMIT)
