"""offset/limit parsing shared by v1 and v2."""

from typing import NamedTuple

from flask import request
from werkzeug.exceptions import BadRequest

DEFAULT_LIMIT = 10
MAX_LIMIT = 100


class Page(NamedTuple):
    offset: int
    limit: int


def _param(name, default, lowest):
    text = request.args.get(name)
    if text is None:
        return default
    try:
        number = int(text)
    except ValueError:
        raise BadRequest(f"{name} must be a whole number, got {text!r}") from None
    if number < lowest:
        raise BadRequest(f"{name} must be at least {lowest}, got {number}")
    return number


def read_int(name, default, minimum):
    return _param(name, default, minimum)


def page_args():
    offset = _param("offset", 0, 0)
    limit = _param("limit", DEFAULT_LIMIT, 1)
    if limit > MAX_LIMIT:
        limit = MAX_LIMIT
    return Page(offset, limit)
