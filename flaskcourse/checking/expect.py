"""Fluent expectations on a test-client response that fail as request / expected / got.

    expect(client.get("/divide?a=1")).status(400).json_includes({"field": "b"})

Every failure carries the request in words and, where the status tells a story, help: the
learner's routes for a 404 or 405, the learner's own traceback frames for a 500.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, NoReturn

from flask import Flask
from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.test import TestResponse

from flaskcourse.checking import learner
from flaskcourse.checking.failure import CheckFailure
from flaskcourse.checking.html import Page

BODY_PREVIEW = 300
JSON_TYPES = ("application/json",)


def show_json(value: Any) -> str:
    """Compact JSON for a message; falls back to repr for what JSON cannot show."""
    try:
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    except (TypeError, ValueError):
        return repr(value)


def _is_json_type(mimetype: str) -> bool:
    return mimetype in JSON_TYPES or (mimetype.startswith("application/") and mimetype.endswith("+json"))


def _texts(value: Any) -> Iterator[str]:
    """Every key and value of a JSON document as text, however deeply nested."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)
    elif isinstance(value, str):
        yield value
    elif value is not None and not isinstance(value, bool):
        yield json.dumps(value)


def names_word(body: str, word: str) -> bool:
    """True when ``word`` stands as a word of its own in the body (in a JSON key or value).

    "b is required" and {"field": "b"} name b; "Bad Request" does not, though it holds the letter.
    """
    try:
        texts = list(_texts(json.loads(body)))
    except ValueError:
        texts = [body]
    pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)")
    return any(pattern.search(text) for text in texts)


def _routes(app: Flask) -> list[str]:
    routes = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if rule.endpoint == "static" or rule.endpoint.endswith(".static"):
            continue
        methods = sorted((rule.methods or set()) - {"HEAD", "OPTIONS"})
        routes.append(f"{'/'.join(methods)} {rule.rule}")
    return routes


def route_help(app: Flask, method: str, path: str) -> str | None:
    """What the learner's url_map says about a method and path: no such route, or wrong method."""
    adapter = app.url_map.bind("localhost")
    try:
        adapter.match(path, method=method)
    except MethodNotAllowed as exc:
        allowed = sorted(set(exc.valid_methods or []) - {"HEAD", "OPTIONS"})
        return f"{path} exists in your app but does not accept {method}; it accepts {', '.join(allowed)}."
    except NotFound:
        routes = _routes(app)
        listing = "; ".join(routes) if routes else "none at all"
        return f"No route of your app matches {path}. Your app's routes: {listing}."
    except Exception:  # a redirect or a converter error: the status already says enough
        return None
    return None


HTML_ERROR_HELP = (
    "Flask's own error pages (from abort(), a missing route or a wrong method) are HTML. "
    "Register @app.errorhandler(...) for the status (or for HTTPException) and return JSON "
    "from it, or return a dict with the status: `return {...}, 400`."
)
JSON_HELP = "Return a dict, a list or jsonify(...) from the view."


def _earlier(step: TestResponse | str) -> str:
    if isinstance(step, str):
        return step
    said = getattr(step, "flaskcourse_request", None) or f"{step.request.method} {step.request.path}"
    return f"{said}\n  (answered {step.status_code})"


class Expect:
    """Expectations about one response; each method returns self so they chain."""

    def __init__(self, response: TestResponse,
                 after: Iterable[TestResponse | str] = ()) -> None:
        self.response = response
        request = getattr(response, "flaskcourse_request", None)
        steps = [_earlier(step) for step in after]
        if steps and request:
            request = "\n".join([*steps, "then", request])
        self.request: str | None = request

    def fail(self, expected: str, got: str | None = None, help: str | None = None) -> NoReturn:
        """Fail with the check's own help first, then what the app itself revealed."""
        __tracebackhide__ = True
        notes = [note for note in (help, self.diagnosis()) if note]
        raise CheckFailure(expected, got or self.summary(), request=self.request,
                           help="\n".join(notes) or None)

    @property
    def exception(self) -> BaseException | None:
        """The exception the learner's app raised while answering (behind a 500), if any."""
        return getattr(self.response, "flaskcourse_exception", None)

    def body_text(self) -> str:
        return self.response.get_data(as_text=True)

    def summary(self) -> str:
        """``status 500 (text/html)`` and the start of the body (the text of an HTML page)."""
        r = self.response
        body = self.body_text().strip()
        if r.mimetype == "text/html":
            body = Page(body).text
        if len(body) > BODY_PREVIEW:
            body = body[:BODY_PREVIEW] + f"… ({len(body)} characters in all)"
        kind = r.mimetype or "no content type"
        return f"status {r.status_code} ({kind})" + (f"\n{body}" if body else ", empty body")

    def diagnosis(self) -> str | None:
        """Why the response may be wrong, from what the app did rather than what it sent."""
        if self.exception is not None:
            return learner.describe_exception(self.exception)
        app = getattr(self.response, "flaskcourse_app", None)
        if app is not None and self.response.status_code in (404, 405):
            req = self.response.request
            return route_help(app, req.method, req.path)
        return None

    def status(self, *codes: int, help: str | None = None) -> Expect:
        """The status code is one of ``codes``."""
        __tracebackhide__ = True
        if self.response.status_code not in codes:
            wanted = " or ".join(str(c) for c in codes)
            self.fail(f"status {wanted}", help=help)
        return self

    def json_error(self, *codes: int, help: str | None = None) -> dict[str, Any]:
        """An error status from ``codes`` with a JSON object body; returns the body.

        ``help`` replaces the default advice given when the body is not JSON.
        """
        __tracebackhide__ = True
        self.status(*codes)
        if not _is_json_type(self.response.mimetype or ""):
            crashed = self.exception is not None
            self.fail("a JSON error body (content type application/json)",
                      help=help or (None if crashed else HTML_ERROR_HELP))
        return self.json_object()

    def content_type(self, mimetype: str) -> Expect:
        __tracebackhide__ = True
        if self.response.mimetype != mimetype:
            self.fail(f"content type {mimetype}")
        return self

    def json(self, help: str | None = None) -> Any:
        """The body parsed as JSON, after checking that it is JSON and says so."""
        __tracebackhide__ = True
        if not _is_json_type(self.response.mimetype or ""):
            crashed = self.exception is not None
            default = None if crashed else HTML_ERROR_HELP if self.response.status_code >= 400 else JSON_HELP
            self.fail("a JSON body (content type application/json)", help=help or default)
        try:
            return json.loads(self.body_text())
        except ValueError:
            self.fail("a body that parses as JSON")

    def json_equals(self, expected: Any) -> Expect:
        __tracebackhide__ = True
        if self.json() != expected:
            self.fail(f"the JSON {show_json(expected)}")
        return self

    def json_object(self) -> dict[str, Any]:
        """The body as a JSON object (a dict), failing on a list or a bare value."""
        __tracebackhide__ = True
        data = self.json()
        if not isinstance(data, dict):
            self.fail("a JSON object ({...})")
        return data

    def json_includes(self, fields: Mapping[str, Any]) -> Expect:
        """The body is a JSON object with at least these keys and values."""
        __tracebackhide__ = True
        data = self.json_object()
        wrong = {k: v for k, v in fields.items() if k not in data or data[k] != v}
        if wrong:
            self.fail(f"a JSON object including {show_json(dict(fields))}")
        return self

    def json_has(self, *keys: str) -> Expect:
        __tracebackhide__ = True
        data = self.json_object()
        missing = [k for k in keys if k not in data]
        if missing:
            self.fail(f"a JSON object with the key{'s' if len(keys) > 1 else ''} "
                      + ", ".join(repr(k) for k in keys))
        return self

    def mentions(self, *words: str) -> Expect:
        """The body names each word (case-insensitive): a message that says which field."""
        __tracebackhide__ = True
        text = self.body_text().lower()
        missing = [w for w in words if w.lower() not in text]
        if missing:
            self.fail("a body that mentions " + " and ".join(repr(w) for w in words))
        return self

    def names(self, word: str, expected: str | None = None) -> Expect:
        """The body names ``word`` as a whole word: right for one-letter field names."""
        __tracebackhide__ = True
        if not names_word(self.body_text(), word):
            self.fail(expected or f"a body that names {word!r}")
        return self

    def lacks(self, *snippets: str) -> Expect:
        """The body does not contain any snippet (case-sensitive): no raw markup, no secret."""
        __tracebackhide__ = True
        found = [s for s in snippets if s in self.body_text()]
        if found:
            self.fail("a body without " + " or ".join(repr(s) for s in found))
        return self

    def header(self, name: str, value: str | None = None) -> Expect:
        """The header is present and, when ``value`` is given, equal to it."""
        __tracebackhide__ = True
        actual = self.response.headers.get(name)
        if actual is None or (value is not None and actual != value):
            wanted = f"the header {name}: {value}" if value is not None else f"a {name} header"
            got = f"{name}: {actual}" if actual is not None else f"no {name} header"
            self.fail(wanted, got=f"{got} (status {self.response.status_code})")
        return self

    def that(self, condition: bool, expected: str, got: str | None = None,
             help: str | None = None) -> Expect:
        """A custom expectation phrased by the check."""
        __tracebackhide__ = True
        if not condition:
            self.fail(expected, got, help)
        return self


def expect(response: TestResponse, after: Iterable[TestResponse | str] = ()) -> Expect:
    """Start expectations about a response from the ``client`` fixture.

    ``after`` lists the earlier responses (or sentences) the failure message should show as the
    requests that led here, e.g. ``expect(get, after=[put])`` for "PUT, then GET".
    """
    return Expect(response, after)


def same_shape(bodies: Iterable[Any]) -> bool:
    """True when every JSON body is an object with the same set of keys."""
    keys = [tuple(sorted(b)) if isinstance(b, dict) else None for b in bodies]
    return bool(keys) and None not in keys and len(set(keys)) == 1
