"""Reading offset and limit from the query string, shared by both API versions.

Query parameters always arrive as text. Each one is converted and checked here, once, so a view
never slices a list with a string (a TypeError, so a 500) or with a negative number (Python
would happily count from the end of the list and return the wrong items).
"""

from flask import abort, request

DEFAULT_LIMIT = 10   # items per page when the client does not say
MAX_LIMIT = 100      # the most a client may ask for in one request


def read_int(name, default, minimum):
    """The query parameter ``name`` as an int >= minimum, its default when absent, or a 400."""
    raw = request.args.get(name)
    if raw is None:
        return default
    # Not request.args.get(name, type=int): that quietly falls back to the default for
    # "abc", so the client asked for one thing and silently got another.
    try:
        value = int(raw)
    except ValueError:
        abort(400, description=f"{name} must be a whole number, got {raw!r}")
    if value < minimum:
        abort(400, description=f"{name} must be at least {minimum}, got {value}")
    return value


def page_args():
    """(offset, limit) for this request: validated, with limit capped at MAX_LIMIT."""
    offset = read_int("offset", default=0, minimum=0)
    # limit=0 is refused rather than answered with an empty page: a client that pages by
    # "offset += limit" would ask for the same empty page forever.
    limit = read_int("limit", default=DEFAULT_LIMIT, minimum=1)
    # A limit that is too big is clamped, not refused: the client still gets a useful page,
    # and the envelope's "limit" tells it the page size it really got.
    return offset, min(limit, MAX_LIMIT)
