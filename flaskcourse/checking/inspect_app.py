"""An app inspector: what the built app keeps, for demands that no response shows.

"Secrets must not be kept", "a production config must not serve a debug route", "the hash cost
from the config must be honoured": a check looks inside the app the learner's factory built (its
config, extensions, routes) and inside the learner's own modules, and names where it looked.
"""

from __future__ import annotations

import sys
from collections.abc import Collection, Iterator
from typing import Any

from flask import Flask
from werkzeug.local import LocalProxy

from flaskcourse.checking import learner
from flaskcourse.checking.failure import fail

MAX_DEPTH = 4


def routes(app: Flask) -> list[tuple[str, frozenset[str]]]:
    """Every URL rule the app serves, with its methods (HEAD and OPTIONS left out)."""
    return sorted((rule.rule, frozenset((rule.methods or set()) - {"HEAD", "OPTIONS"}))
                  for rule in app.url_map.iter_rules())


def learner_modules() -> Iterator[tuple[str, Any]]:
    """The learner's own imported modules, by name."""
    for name, module in list(sys.modules.items()):
        file = getattr(module, "__file__", None)
        if file and learner.is_learner_file(file):
            yield name, module


def _walk(value: Any, where: str, depth: int, seen: set[int]) -> Iterator[tuple[str, Any]]:
    if id(value) in seen or depth > MAX_DEPTH:
        return
    seen.add(id(value))
    yield where, value
    if isinstance(value, dict):
        for key, item in list(value.items()):
            yield from _walk(item, f"{where}[{key!r}]", depth + 1, seen)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for i, item in enumerate(list(value)):
            yield from _walk(item, f"{where}[{i}]", depth + 1, seen)
    elif not isinstance(value, (type, LocalProxy)) and depth < MAX_DEPTH:
        try:  # an object without attributes of its own, or a proxy with nothing behind it
            attributes = list(vars(value).items())
        except (TypeError, RuntimeError):
            return
        for key, item in attributes:
            yield from _walk(item, f"{where}.{key}", depth + 1, seen)


def places_holding(app: Flask, needle: str, *, ignoring: Collection[str] = ()) -> list[str]:
    """Where the app's config (less the keys in ``ignoring``: what the app was given),
    extensions and the learner's module globals keep ``needle`` (as a str or bytes, whole or
    inside a longer text)."""
    raw = needle.encode()
    seen: set[int] = set()
    config = {k: v for k, v in app.config.items() if k not in ignoring}
    roots: list[tuple[str, Any]] = [("app.config", config),
                                    ("app.extensions", dict(app.extensions))]
    roots += [(f"{name} (module)", {k: v for k, v in vars(module).items()
                                    if not k.startswith("__") and not callable(v)})
              for name, module in learner_modules()]
    found = []
    for root, value in roots:
        for where, item in _walk(value, root, 0, seen):
            if (isinstance(item, str) and needle in item) or (isinstance(item, bytes) and raw in item):
                found.append(where)
    return found


def expect_not_kept(app: Flask, needle: str, *, what: str, request: str | None = None,
                    why: str, ignoring: Collection[str] = ()) -> None:
    """Fail if the app keeps ``needle`` (a password, a raw token) anywhere a check can see."""
    __tracebackhide__ = True
    found = places_holding(app, needle, ignoring=ignoring)
    if found:
        fail(f"{what} not to be kept by the app", "it is kept in " + ", ".join(found[:3]),
             request=request, help=why)
