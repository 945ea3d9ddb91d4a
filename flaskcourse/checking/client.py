"""A Flask test client that remembers each request in words, for failure messages."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from flask.testing import FlaskClient
from werkzeug.datastructures import FileStorage
from werkzeug.test import EnvironBuilder, TestResponse

from flaskcourse.checking import learner
from flaskcourse.checking.events import writer

BODY_PREVIEW = 400
SHOWN_HEADERS = ("authorization", "x-", "cookie", "if-", "accept")


def _preview(text: str, limit: int = BODY_PREVIEW) -> str:
    return text if len(text) <= limit else text[:limit] + f"… ({len(text)} characters in all)"


def _describe_value(value: Any) -> str:
    if isinstance(value, tuple) and value and hasattr(value[0], "read"):
        name = value[1] if len(value) > 1 else "upload"
        return f"<file {name!r}>"
    if isinstance(value, FileStorage):
        return f"<file {value.filename!r}>"
    if hasattr(value, "read"):
        return f"<file {getattr(value, 'name', 'upload')!r}>"
    return str(value)


def describe_body(kwargs: Mapping[str, Any]) -> list[str]:
    """The body of a test-client call, as the learner would have typed it for curl."""
    if "json" in kwargs and kwargs["json"] is not None:
        return [_preview(json.dumps(kwargs["json"]))]
    data = kwargs.get("data")
    if data is None:
        return []
    if isinstance(data, bytes):
        return [_preview(data.decode("utf-8", "replace"))]
    if isinstance(data, str):
        return [_preview(data)]
    if isinstance(data, Mapping):
        return [f"{key}={_describe_value(value)}" for key, value in data.items()]
    return [_preview(repr(data))]


def describe_request(response: TestResponse, kwargs: Mapping[str, Any]) -> str:
    """``METHOD /path?query`` then the interesting headers and the body, one per line."""
    req = response.request
    query = req.query_string.decode("latin-1")
    lines = [f"{req.method} {req.path}" + (f"?{query}" if query else "")]
    for name, value in req.headers.items():
        lowered = name.lower()
        if lowered == "content-type" or lowered.startswith(SHOWN_HEADERS):
            lines.append(f"{name}: {_preview(value, 120)}")
    remote = req.environ.get("REMOTE_ADDR")
    if remote and remote != "127.0.0.1":
        lines.append(f"(from IP address {remote})")
    lines.extend(describe_body(kwargs))
    return "\n".join(lines)


def describe_call(args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> str:
    """``METHOD /path?query`` and the body of a call not answered yet, from its arguments: what
    a check that hangs was waiting for."""
    if args and isinstance(args[0], EnvironBuilder):  # how a followed redirect is sent
        built = args[0]
        return f"{built.method} {built.path}" + (f"?{built.query_string}" if built.query_string else "")
    path = args[0] if args and isinstance(args[0], str) else kwargs.get("path")
    if not isinstance(path, str):
        return "a request"
    query = kwargs.get("query_string")
    if isinstance(query, Mapping):
        from urllib.parse import urlencode

        query = urlencode(query, doseq=True)
    elif isinstance(query, bytes):
        query = query.decode("latin-1")
    line = f"{str(kwargs.get('method') or 'GET').upper()} {path}" + (f"?{query}" if query else "")
    return "\n".join([line, *describe_body(kwargs)])


class RecordingClient(FlaskClient):
    """Attaches ``flaskcourse_request`` and the learner's exception, if any, to each response,
    and tells the runner which request is being answered (so a timeout can name it)."""

    def open(self, *args: Any, **kwargs: Any) -> TestResponse:  # type: ignore[override]
        learner.exceptions.clear()
        writer.emit("request", request=describe_call(args, kwargs))
        response = super().open(*args, **kwargs)
        if not kwargs.get("follow_redirects"):
            response.flaskcourse_request = describe_request(response, kwargs)  # type: ignore[attr-defined]
        else:
            response.flaskcourse_request = describe_request(  # type: ignore[attr-defined]
                response.history[0] if response.history else response, kwargs
            )
        response.flaskcourse_exception = learner.exceptions[-1] if learner.exceptions else None  # type: ignore[attr-defined]
        response.flaskcourse_app = self.application  # type: ignore[attr-defined]
        return response
