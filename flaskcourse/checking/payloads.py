"""Bad input of every kind, not just the one the author thought of first.

A rule like "title is a non-empty string" is broken by a missing key, but also by "", by "   ",
by null, a number, a boolean, a list or an object; a rule "the body is a JSON object" by no body,
by text that is not JSON, by a JSON list or string, by bytes that are not UTF-8, by a form. Each
generator yields ``(label, kwargs)``: the label says in words what was sent, the kwargs go
straight to the test client (``client.post(url, **kwargs)``), so the failure shows the request.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

JSON = "application/json"

NOT_A_STRING: tuple[tuple[str, Any], ...] = (
    ("null", None), ("a number", 42), ("a decimal number", 1.5), ("true", True), ("false", False),
    ("a list", ["x"]), ("an empty list", []), ("an object", {"x": 1}),
)
EMPTY_STRINGS: tuple[tuple[str, Any], ...] = (
    ("an empty string", ""), ("only spaces", "   "), ("only a tab and a newline", "\t\n"),
)
NOT_AN_INTEGER: tuple[tuple[str, Any], ...] = (
    ("a word", "abc"), ("a decimal", "1.5"), ("empty", ""), ("a space", " "), ("a sign alone", "-"),
    ("a number with a letter", "12a"), ("an exponent", "1e3"), ("two signs", "--5"),
)


def bad_fields(base: Mapping[str, Any], field: str, *, kinds: tuple[str, ...] = (
        "missing", "empty", "not_a_string")) -> Iterator[tuple[str, dict[str, Any]]]:
    """A valid JSON object ``base`` with ``field`` made wrong in each way of ``kinds``:
    ``missing``, ``empty`` (blank strings), ``not_a_string`` (null, numbers, booleans, lists)."""
    if "missing" in kinds:
        body = {k: v for k, v in base.items() if k != field}
        yield f"{field} missing", {"json": body}
    if "empty" in kinds:
        for label, value in EMPTY_STRINGS:
            yield f"{field} is {label}", {"json": {**base, field: value}}
    if "not_a_string" in kinds:
        for label, value in NOT_A_STRING:
            yield f"{field} is {label}", {"json": {**base, field: value}}


def bad_bodies(valid: Mapping[str, Any] | None = None) -> Iterator[tuple[str, dict[str, Any]]]:
    """Bodies that are not the JSON object an endpoint wants. ``valid`` (the right fields) is
    sent in the wrong wrapping too: as a form, and as JSON text without a JSON content type."""
    import json

    yield "no body at all", {}
    yield "an empty body marked as JSON", {"data": b"", "content_type": JSON}
    yield "text that is not JSON, marked as JSON", {"data": b"title=hello", "content_type": JSON}
    yield "a JSON list", {"json": [dict(valid or {"x": 1})]}
    yield "a JSON string", {"json": "hello"}
    yield "a JSON number", {"json": 7}
    yield "JSON null", {"data": b"null", "content_type": JSON}
    yield "bytes that are not UTF-8, marked as JSON", {"data": b'{"a": "\xff\xfe"}', "content_type": JSON}
    if valid is not None:
        yield "the right fields as a form, not JSON", {"data": {k: str(v) for k, v in valid.items()}}
        yield "JSON text sent as text/plain", {"data": json.dumps(dict(valid)), "content_type": "text/plain"}


def bad_integers(name: str) -> Iterator[tuple[str, str]]:
    """Query-string values that are not whole numbers: ``(label, value)``."""
    for label, value in NOT_AN_INTEGER:
        yield f"{name} is {label}", value
