"""Query-string pagination."""

from flask import request

DEFAULT_LIMIT = 10
MAX_LIMIT = 100


class BadQueryParam(Exception):
    def __init__(self, name, message):
        super().__init__(f"{name} {message}")
        self.name = name


def read_int(name, default, minimum):
    if name not in request.args:
        return default
    raw = request.args[name]
    try:
        value = int(raw)
    except ValueError:
        raise BadQueryParam(name, f"must be a whole number, got {raw!r}") from None
    if not value >= minimum:
        raise BadQueryParam(name, f"must be at least {minimum}, got {value}")
    return value


def page_args():
    return (read_int("offset", 0, 0),
            min(MAX_LIMIT, read_int("limit", DEFAULT_LIMIT, 1)))
