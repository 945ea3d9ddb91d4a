"""Path traversal and over-matching probes for routes that serve files or match names.

A route that serves ``/static/<path>`` or ``/files/<name>`` must never hand out a file outside
its folder, however the ``..`` is spelled; a filter by a name must not match a longer name that
contains it. ``escapes(name)`` yields spellings of "go up and read ``name``" as they would appear
in a URL path.
"""

from __future__ import annotations

from collections.abc import Iterator


def escapes(name: str, depth: int = 3) -> Iterator[tuple[str, str]]:
    """``(label, url_part)`` spellings of ``../`` * depth + name that reach past the folder."""
    up = "../" * depth
    yield "plain ../", up + name
    yield "slashes encoded (..%2F)", up.replace("/", "%2F") + name
    yield "dots encoded (%2e%2e/)", up.replace("..", "%2e%2e") + name
    yield "all encoded (%2e%2e%2f)", up.replace("..", "%2e%2e").replace("/", "%2f") + name
    yield "backslashes (..%5C)", up.replace("/", "%5C") + name
    yield "doubly encoded (..%252F)", up.replace("/", "%252F") + name
    yield "an absolute path (%2Fetc%2Fpasswd)", "%2Fetc%2Fpasswd"


def longer_names(name: str) -> Iterator[str]:
    """Names that contain ``name`` but are not it: a filter must not match them."""
    yield f"{name}s"
    yield f"{name}-extra"
    yield f"pre{name}"
    yield f"{name}:write" if ":" not in name else f"{name}x"
