from dataclasses import dataclass

from flask import abort, request

DEFAULT_LIMIT = 10
MAX_LIMIT = 100


def read_int(name, default, minimum):
    raw = request.args.get(name, None)
    if raw is None:
        return default
    try:
        value = int(raw, 10)
    except ValueError:
        abort(400, f"{name} must be a whole number, got {raw!r}")
    if value < minimum:
        abort(400, f"{name} must be at least {minimum}, got {value}")
    return value


@dataclass(frozen=True)
class Page:
    offset: int
    limit: int

    @classmethod
    def from_request(cls):
        offset = read_int("offset", 0, minimum=0)
        limit = read_int("limit", DEFAULT_LIMIT, minimum=1)
        return cls(offset, min(limit, MAX_LIMIT))

    def cut(self, items):
        return items[self.offset:self.offset + self.limit]


def page_args():
    page = Page.from_request()
    return page.offset, page.limit
