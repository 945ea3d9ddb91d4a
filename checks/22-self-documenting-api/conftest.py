"""Lesson 22: what the checks share.

``books`` speaks the API: it creates books and reads flask-smorest's 422 bodies. ``read_document``
fetches the app's OpenAPI document and reads it the way a tool does: references resolved, and
real answers validated against the schemas it gives, with the validators of the
openapi-schema-validator library (the one openapi-spec-validator is built on).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from typing import Any

import pytest
from openapi_schema_validator import OAS30ReadValidator, OAS31Validator

from flaskcourse.checking import expect, show_json

URL = "/api/books"
DOCUMENT_URL = "/openapi.json"
GOOD = {"title": "Dune", "author": "Frank Herbert", "pages": 412}
FIELDS = frozenset({"id", "title", "author", "pages", "shelf"})
SHELVES = ("to-read", "reading", "read")
ITEM_PATH = re.compile(r"^/api/books/\{[^/{}]+\}$")
MAX_REF_DEPTH = 40

ERRORS_HELP = (
    "flask-smorest's 422 body keeps the schema's messages under errors, first by where the input "
    "was (json for the body, query for the query string), then by field: "
    '{"code": 422, "status": "Unprocessable Entity", "errors": {"json": {"pages": ["..."]}}}. '
    "@blp.arguments(Schema) builds it for you."
)


def is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


class Books:
    """The API of the lesson, spoken through one test client."""

    url = URL
    good = GOOD
    fields = FIELDS
    shelves = SHELVES

    def __init__(self, client: Any) -> None:
        self.client = client

    @staticmethod
    def book(**changes: Any) -> dict[str, Any]:
        """A valid book body, with some fields changed."""
        return {**GOOD, **changes}

    def create(self, body: dict[str, Any] | None = None, *, after: Iterable[Any] = ()) -> dict[str, Any]:
        """POST a valid book; return the created book (an object with an integer id)."""
        __tracebackhide__ = True
        response = self.client.post(URL, json=self.book() if body is None else body)
        e = expect(response, after=after).status(201, help=(
            "A valid book is created with 201 Created: @blp.response(201, BookSchema) on post."
            if response.status_code == 200 else None))
        book = e.json_object()
        e.that(is_int(book.get("id")), 'the created book with an integer "id"')
        return book

    def create_many(self, count: int, shelf_of: Callable[[int], str] | None = None) -> list[dict[str, Any]]:
        """Create books "Book 1" to "Book <count>", in that order; ``shelf_of(n)`` picks shelves."""
        __tracebackhide__ = True
        made = []
        for n in range(1, count + 1):
            body = self.book(title=f"Book {n}", pages=n)
            if shelf_of is not None:
                body["shelf"] = shelf_of(n)
            made.append(self.create(body))
        return made

    def listing(self, query: str = "", *, after: Iterable[Any] = ()) -> tuple[Any, list[dict[str, Any]]]:
        """GET the list (with a query string); return the response and its JSON list."""
        __tracebackhide__ = True
        response = self.client.get(URL + query)
        e = expect(response, after=after).status(200, help=(
            f"The collection is {URL}, with no slash at the end: put url_prefix=\"/api\" on the "
            "blueprint and @blp.route(\"/books\") on the view." if response.status_code in (301, 308) else None))
        items = e.json()
        e.that(isinstance(items, list) and all(isinstance(i, dict) for i in items),
               "a JSON list of books", help="GET /api/books answers the page itself, a list: "
               "@blp.response(200, BookSchema(many=True)).")
        return response, items

    @staticmethod
    def pagination(response: Any, *, after: Iterable[Any] = ()) -> dict[str, Any]:
        """The X-Pagination header, parsed: a JSON object."""
        __tracebackhide__ = True
        e = expect(response, after=after).header("X-Pagination")
        raw = response.headers["X-Pagination"]
        try:
            value = json.loads(raw)
        except ValueError:
            value = None
        e.that(isinstance(value, dict), "an X-Pagination header holding a JSON object",
               got=f"X-Pagination: {raw}")
        return value

    @staticmethod
    def refused(response: Any, location: str, fields: Iterable[str], *, label: str | None = None,
                after: Iterable[Any] = (), help: str | None = None) -> dict[str, Any]:
        """A 422 whose errors.<location> names exactly ``fields``, each with a list of messages."""
        __tracebackhide__ = True
        wanted = sorted(fields)
        where = f"errors.{location}"
        said = f" ({label})" if label else ""
        e = expect(response, after=after)
        e.status(422, help=help if response.status_code != 422 else None)
        body = e.json_object()
        errors = body.get("errors")
        found = errors.get(location) if isinstance(errors, dict) else None
        e.that(isinstance(found, dict),
               f"a 422 body with {where} naming {', '.join(wanted)}{said}", help=ERRORS_HELP)
        for field in wanted:
            messages = found.get(field)
            e.that(isinstance(messages, list) and bool(messages)
                   and all(isinstance(m, str) and m.strip() for m in messages),
                   f"{where}.{field}: a list of messages saying what is wrong with {field}{said}",
                   got=f"{where} is {show_json(found)}",
                   help=(f"{field} is not named, so the schema let its value through. {help or ''}"
                         if field not in found else ERRORS_HELP))
        extra = sorted(set(found) - set(wanted))
        e.that(not extra, f"{where} naming only {', '.join(wanted)}{said}",
               got=f"{where} is {show_json(found)}",
               help=f"Only the fields at fault are named: {', '.join(extra)} "
                    f"{'was' if len(extra) == 1 else 'were'} right.")
        return body

    @staticmethod
    def error_body(response: Any, *statuses: int, after: Iterable[Any] = (), help: str | None = None) -> dict[str, Any]:
        """An error in flask-smorest's shape: code (the status, a number) and status (its name)."""
        __tracebackhide__ = True
        e = expect(response, after=after)
        body = e.json_error(*statuses, help=help)
        e.that(is_int(body.get("code")) and body["code"] == response.status_code,
               f'"code": {response.status_code} in the error body: the HTTP status, as a number',
               got=f'"code": {show_json(body.get("code"))}' if "code" in body else f"no code in {show_json(body)}",
               help="flask-smorest's error handler writes code and status for every HTTPException; "
                    "an error built by hand needs both too.")
        e.that(isinstance(body.get("status"), str) and body["status"].strip() != "",
               '"status" in the error body: the name of the status, such as "Not Found"',
               got=f'"status": {show_json(body.get("status"))}' if "status" in body else f"no status in {show_json(body)}")
        return body


@pytest.fixture
def books(client: Any) -> Books:
    return Books(client)


class Document:
    """An OpenAPI document, read as a tool reads it."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data

    @property
    def is_31(self) -> bool:
        return str(self.data.get("openapi", "")).startswith("3.1")

    def resolve(self, node: Any, depth: int = 0) -> Any:
        """The node with every local $ref replaced by what it points to."""
        if depth > MAX_REF_DEPTH:
            return {}
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/"):
                target: Any = self.data
                for part in ref[2:].split("/"):
                    part = part.replace("~1", "/").replace("~0", "~")
                    target = target.get(part) if isinstance(target, dict) else None
                rest = {k: v for k, v in node.items() if k != "$ref"}
                resolved = self.resolve(target, depth + 1)
                if isinstance(resolved, dict) and rest:
                    return {**resolved, **self.resolve(rest, depth + 1)}
                return resolved
            return {k: self.resolve(v, depth + 1) for k, v in node.items()}
        if isinstance(node, list):
            return [self.resolve(v, depth + 1) for v in node]
        return node

    def paths(self) -> dict[str, Any]:
        paths = self.data.get("paths")
        return paths if isinstance(paths, dict) else {}

    def item_path(self) -> str | None:
        return next((p for p in self.paths() if ITEM_PATH.match(p)), None)

    def path_for(self, kind: str) -> str | None:
        return URL if kind == "list" else self.item_path()

    def operation(self, method: str, kind: str) -> dict[str, Any] | None:
        """The resolved operation for ``method`` on the collection ("list") or one book ("item")."""
        path = self.path_for(kind)
        item = self.paths().get(path) if path else None
        op = item.get(method.lower()) if isinstance(item, dict) else None
        if not isinstance(op, dict):
            return None
        op = self.resolve(op)
        # Parameters may sit on the path item, for every operation of it.
        shared = self.resolve(item.get("parameters", []))
        if isinstance(shared, list) and shared:
            op = {**op, "parameters": [*shared, *op.get("parameters", [])]}
        return op

    def responses(self, method: str, kind: str) -> dict[str, Any]:
        op = self.operation(method, kind) or {}
        responses = op.get("responses")
        return {str(k): v for k, v in responses.items()} if isinstance(responses, dict) else {}

    @staticmethod
    def json_schema(response_or_body: Any) -> Any:
        """The application/json schema of a resolved response or request body, or None."""
        content = response_or_body.get("content") if isinstance(response_or_body, dict) else None
        media = content.get("application/json") if isinstance(content, dict) else None
        return media.get("schema") if isinstance(media, dict) else None

    def problems(self, instance: Any, schema: Any) -> list[str]:
        """What is wrong with a real value under a documented schema, one line per problem."""
        validator = (OAS31Validator if self.is_31 else OAS30ReadValidator)(schema)
        found = []
        for error in validator.iter_errors(instance):
            where = "/".join(str(p) for p in error.absolute_path) or "the value itself"
            found.append(f"{where}: {error.message}")
        return sorted(found)[:5]

    def documented(self, method: str, kind: str, response: Any,
                   after: Iterable[Any] = ()) -> dict[str, Any]:
        """The resolved documentation of the status ``response`` came with, failing if there is none."""
        __tracebackhide__ = True
        path = self.path_for(kind) or "/api/books/{id}"
        codes = self.responses(method, kind)
        status = str(response.status_code)
        expect(response, after=after).that(
            status in codes,
            f"the status {status} documented among the responses of {method} {path} in {DOCUMENT_URL}",
            got=f"{status} came back; the document lists {', '.join(sorted(codes)) or 'no responses'}",
            help="The document promises the statuses a client will see. flask-smorest writes the "
                 "status of @blp.response(...) and of each @blp.alt_response(...): put the real one "
                 "in the decorator (201 on post), and document abort(404) with "
                 "@blp.alt_response(404, schema=ErrorSchema).")
        return codes[status]

    def body_matches(self, method: str, kind: str, response: Any,
                     after: Iterable[Any] = ()) -> Any:
        """The real body of ``response`` validates against the schema documented for its status."""
        __tracebackhide__ = True
        doc = self.documented(method, kind, response, after=after)
        path = self.path_for(kind)
        schema = self.json_schema(doc)
        e = expect(response, after=after)
        e.that(isinstance(schema, dict),
               f"an application/json schema documented for {response.status_code} on {method} {path}",
               got=f"the document gives {show_json(doc)}",
               help="@blp.response(status, Schema) and @blp.alt_response(status, schema=...) document "
                    "the body's schema; without one a client cannot know what comes back.")
        body = e.json()
        wrong = self.problems(body, schema)
        e.that(not wrong, f"a body that matches the schema the document gives for {response.status_code} "
                          f"on {method} {path}",
               got="; ".join(wrong) + f"\nthe body: {show_json(body)[:300]}",
               help="The answer and the document must say the same thing: the same fields, the same "
                    "types. Use one schema for both (@blp.response) rather than two descriptions.")
        return body


@pytest.fixture
def read_document() -> Callable[[Any], Document]:
    """``read_document(client)``: GET /openapi.json from that client's app, as a Document."""

    def read(client: Any) -> Document:
        __tracebackhide__ = True
        response = client.get(DOCUMENT_URL)
        e = expect(response).status(200, help=(
            "flask-smorest serves the document only when OPENAPI_URL_PREFIX is set: add "
            "\"OPENAPI_URL_PREFIX\": \"/\" and \"OPENAPI_JSON_PATH\": \"openapi.json\" to the "
            "config before Api(app) is made.") if response.status_code == 404 else None)
        data = e.json_object()
        return Document(data)

    return read

