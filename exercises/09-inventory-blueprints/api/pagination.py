"""Reading offset and limit from the query string, shared by both API versions.

Query parameters always arrive as text: request.args.get("limit") is "10", not 10. Convert and
check them here, once, and both views stay short.
"""

from flask import abort, request

DEFAULT_LIMIT = 10   # items per page when the client does not say
MAX_LIMIT = 100      # the most a client may ask for in one request


def read_int(name, default, minimum):
    """The query parameter ``name`` as an int >= minimum, its default when absent, or a 400."""
    raw = request.args.get(name)
    if raw is None:
        return default
    # TODO: convert raw with int() inside try/except ValueError. When it is not a whole
    #       number, or is below minimum, stop the request with a 400 that names the parameter:
    #           abort(400, description=f"{name} must be ...")
    #       (app.py already turns every abort() into a JSON error.)
    abort(501, description="read_int is not written yet: see the TODO in api/pagination.py.")


def page_args():
    """(offset, limit) for this request: validated, with limit capped at MAX_LIMIT."""
    # TODO: offset: default 0, at least 0.
    #       limit: default DEFAULT_LIMIT, at least 1 (what would limit=0 do to a client that
    #       pages with offset += limit?), and never more than MAX_LIMIT: clamp it, don't refuse.
    offset = read_int("offset", default=0, minimum=0)
    limit = read_int("limit", default=DEFAULT_LIMIT, minimum=1)
    return offset, limit
