"""A page request (offset, limit) read from the query string."""

import re
from dataclasses import dataclass

from flask import abort, request

WHOLE = re.compile(r"-?[0-9]+")


def _whole(name, default, least):
    if name not in request.args:
        return default
    text = request.args[name]
    if WHOLE.fullmatch(text) is None:
        abort(400, description=f"{name} must be a whole number, got {text!r}")
    number = int(text)
    if number < least:
        abort(400, description=f"{name} must be at least {least}, got {number}")
    return number


@dataclass(frozen=True)
class Page:
    offset: int
    limit: int

    DEFAULT = 10
    CAP = 100

    @classmethod
    def from_request(cls):
        offset = _whole("offset", 0, 0)
        limit = _whole("limit", cls.DEFAULT, 1)
        return cls(offset, limit if limit <= cls.CAP else cls.CAP)

    def cut(self, items):
        return items[self.offset:self.offset + self.limit]
