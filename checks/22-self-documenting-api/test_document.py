"""Lesson 22: the OpenAPI document at /openapi.json, valid and true.

Valid: openapi-spec-validator, the well-kept validator of the OpenAPI standard, accepts it.
True: it lists every operation with the statuses, parameters and schemas the API really uses,
and the API's real answers validate against the schemas it gives (openapi-schema-validator).
"""

from __future__ import annotations

import json
import re

from openapi_spec_validator import validate as validate_openapi

from flaskcourse.checking import expect, fail, show_json

URL = "/api/books"
DOCUMENT_URL = "/openapi.json"
VERSION = re.compile(r"^3\.[01]\.\d+$")
OPERATIONS = (
    ("GET", "list", ("200", "422")),
    ("POST", "list", ("201", "422")),
    ("GET", "item", ("200", "404")),
    ("PUT", "item", ("200", "404", "422")),
    ("DELETE", "item", ("204", "404")),
)
ALT_404_HELP = ("flask-smorest cannot see that a view calls abort(404): document it with "
                "@blp.alt_response(404, schema=ErrorSchema) (from flask_smorest.error_handler).")


def where(document, method: str, kind: str) -> str:
    return f"{method} {document.path_for(kind) or URL + '/{…}'}"


def type_is(schema: dict, name: str) -> bool:
    """The schema's type is ``name`` (OpenAPI 3.1 may write it as a list of one)."""
    kind = schema.get("type")
    return kind == name or kind == [name]


# ------------------------------------------------------------------------------- valid


def test_document_is_valid_openapi_3(client, read_document):
    """GET /openapi.json gives an OpenAPI 3.0 or 3.1 document that openapi-spec-validator accepts"""
    document = read_document(client)
    response = client.get(DOCUMENT_URL)
    version = document.data.get("openapi")
    expect(response).that(
        isinstance(version, str) and VERSION.match(version) is not None,
        '"openapi": a 3.0 or 3.1 version, such as "3.0.3"',
        got=f'"openapi": {show_json(version)}' if "openapi" in document.data else
        f"no openapi key (swagger: {show_json(document.data.get('swagger'))})",
        help='Set "OPENAPI_VERSION": "3.0.3" in the config: "2.0" is Swagger 2, not OpenAPI 3.')
    try:
        validate_openapi(document.data)
    except Exception as exc:  # the validator's own error types, and a document it cannot read
        path = "/".join(str(p) for p in getattr(exc, "absolute_path", []) or [])
        message = getattr(exc, "message", None) or str(exc).splitlines()[0]
        fail("a document that openapi_spec_validator.validate accepts",
             got=f"{message}" + (f" (at {path})" if path else ""),
             request=f"GET {DOCUMENT_URL}",
             help="Let flask-smorest write the document from your schemas and decorators; a "
                  "document built by hand has to follow the OpenAPI standard to the letter.")


def test_config_reaches_the_api(make_app, read_document):
    """create_app({"API_TITLE": "Shelf"}) serves a document whose title is Shelf"""
    client = make_app(API_TITLE="Shelf", API_VERSION="v9").test_client()
    document = read_document(client)
    info = document.data.get("info")
    expect(client.get(DOCUMENT_URL), after=['create_app({"API_TITLE": "Shelf", "API_VERSION": "v9", ...})']).that(
        isinstance(info, dict) and info.get("title") == "Shelf" and info.get("version") == "v9",
        '"info": {"title": "Shelf", "version": "v9"}',
        got=f'"info": {show_json(info)}',
        help="Merge the config mapping into app.config before Api(app): the Api reads API_TITLE "
             "and API_VERSION once, when it is made.")


# ------------------------------------------------------------------------------- complete


def test_document_lists_every_operation_and_its_responses(client, read_document):
    """the document lists the five operations, each with the statuses it answers"""
    document = read_document(client)
    response = client.get(DOCUMENT_URL)
    paths = sorted(document.paths())
    expect(response).that(
        URL in document.paths() and document.item_path() is not None,
        f"the paths {URL} and {URL}/{{book_id}} (any name for the id)",
        got=f"the paths {', '.join(paths) or 'none'}",
        help="Register the blueprint with api.register_blueprint(blp), not app.register_blueprint: "
             "only then does the Api document its routes.")
    for method, kind, codes in OPERATIONS:
        operation = document.operation(method, kind)
        expect(response).that(operation is not None, f"{where(document, method, kind)} in the document",
                              got=f"the methods {sorted(document.paths().get(document.path_for(kind), {}))}")
        found = document.responses(method, kind)
        missing = [code for code in codes if code not in found]
        expect(response).that(
            not missing, f"{where(document, method, kind)} documenting the responses {', '.join(codes)}",
            got=f"it documents {', '.join(sorted(found)) or 'no responses'}",
            help=ALT_404_HELP if "404" in missing else
            "@blp.response(status, ...) documents the answer of the normal flow: give it the status "
            "the view really sends." if set(missing) & {"200", "201", "204"} else
            "@blp.arguments(...) documents the 422 by itself: validate the input with it.")


def test_document_describes_the_request_body(client, read_document):
    """POST and PUT document a JSON body with the book's fields, required ones, types, limits and shelf's default"""
    document = read_document(client)
    response = client.get(DOCUMENT_URL)
    for method in ("POST", "PUT"):
        kind = "list" if method == "POST" else "item"
        operation = document.operation(method, kind) or {}
        body = operation.get("requestBody")
        schema = document.json_schema(body)
        e = expect(response)
        e.that(isinstance(schema, dict) and isinstance(schema.get("properties"), dict),
               f"{where(document, method, kind)} documenting an application/json request body "
               "with the book's schema",
               got=f"requestBody: {show_json(body)[:300]}",
               help="@blp.arguments(BookSchema) documents the body it validates.")
        said = f"the request body of {where(document, method, kind)}"
        props = schema["properties"]
        e.that({"title", "author", "pages", "shelf"} <= set(props) <= {"id", "title", "author", "pages", "shelf"},
               f"{said}: the properties title, author, pages and shelf (and id), no others",
               got=f"the properties {sorted(props)}")
        required = schema.get("required", [])
        e.that(isinstance(required, list) and set(required) == {"title", "author", "pages"},
               f"{said}: required exactly title, author and pages",
               got=f"required: {show_json(required)}",
               help="required=True on title, author and pages, and not on shelf (it has a "
                    "load_default) nor on id.")
        e.that("id" not in props or props["id"].get("readOnly") is True,
               f"{said}: id read-only (or not there at all)", got=f"id: {show_json(props.get('id'))}",
               help="dump_only=True on id: apispec writes it as readOnly.")
        for name, limits in (("title", {"minLength": 1, "maxLength": 200}),
                             ("author", {"minLength": 1, "maxLength": 100})):
            prop = props[name]
            e.that(type_is(prop, "string") and all(prop.get(k) == v for k, v in limits.items()),
                   f"{said}: {name} a string with {show_json(limits)}", got=f"{name}: {show_json(prop)}",
                   help="validate.Length(min=1, max=...) is written as minLength and maxLength.")
        pages = props["pages"]
        e.that(type_is(pages, "integer") and pages.get("minimum") == 1 and pages.get("maximum") == 10_000
               and not pages.get("exclusiveMinimum") and not pages.get("exclusiveMaximum"),
               f'{said}: pages an integer with "minimum": 1 and "maximum": 10000',
               got=f"pages: {show_json(pages)}",
               help="fields.Integer with validate.Range(min=1, max=10_000).")
        shelf = props["shelf"]
        enum = shelf.get("enum")
        e.that(isinstance(enum, list) and sorted(enum, key=str) == sorted(("to-read", "reading", "read")),
               f'{said}: shelf with "enum": ["to-read", "reading", "read"]', got=f"shelf: {show_json(shelf)}",
               help="validate.OneOf(SHELVES) is written as an enum.")
        e.that(shelf.get("default") == "to-read", f'{said}: shelf with "default": "to-read"',
               got=f"shelf: {show_json(shelf)}",
               help='load_default="to-read" is written as the default; dump_default is not (it '
                    "fills in answers only, and the stored book would have no shelf).")
        e.that(schema.get("additionalProperties") is False,
               f'{said}: "additionalProperties": false, for unknown fields are refused',
               got=f'"additionalProperties": {show_json(schema.get("additionalProperties"))}'
               if "additionalProperties" in schema else "no additionalProperties",
               help="apispec writes additionalProperties false for a schema whose unknown is "
                    "RAISE, marshmallow 4's default. Leave unknown alone.")


def test_document_lists_the_query_parameters(client, read_document):
    """GET /api/books documents the query parameters page, page_size (at most 50) with their defaults, and shelf"""
    document = read_document(client)
    response = client.get(DOCUMENT_URL)
    operation = document.operation("GET", "list") or {}
    params = {p.get("name"): p for p in operation.get("parameters", [])
              if isinstance(p, dict) and p.get("in") == "query"}
    e = expect(response)
    e.that({"page", "page_size", "shelf"} <= set(params),
           f"GET {URL} documenting the query parameters page, page_size and shelf",
           got=f"the query parameters {sorted(n for n in params if n)}",
           help="@blp.paginate documents page and page_size; @blp.arguments(BookQuerySchema, "
                "location=\"query\") documents shelf.")
    page = params["page"].get("schema", {})
    e.that(type_is(page, "integer") and page.get("minimum") == 1 and page.get("default") == 1,
           'page: an integer with "minimum": 1 and "default": 1', got=f"page: {show_json(page)}")
    size = params["page_size"].get("schema", {})
    e.that(type_is(size, "integer") and size.get("minimum") == 1 and size.get("maximum") == 50
           and size.get("default") == 10,
           'page_size: an integer with "minimum": 1, "maximum": 50 and "default": 10',
           got=f"page_size: {show_json(size)}",
           help="page_size=10, max_page_size=50 in @blp.paginate.")
    shelf = params["shelf"].get("schema", {})
    enum = shelf.get("enum")
    # key=str: an enum may hold a null (load_default=None writes one), which sorts with no string.
    e.that(isinstance(enum, list) and sorted(enum, key=str) == sorted(("to-read", "reading", "read"))
           and "default" not in shelf,
           'shelf: "enum": ["to-read", "reading", "read"] and no default (without ?shelf= every '
           "shelf is listed)", got=f"shelf: {show_json(shelf)}",
           help="The filter is optional and has no default: no load_default on BookQuerySchema's shelf.")


# ------------------------------------------------------------------------------- true


def test_real_books_match_the_document(books, client, read_document):
    """a real created, fetched, replaced and listed book match the schemas the document gives"""
    document = read_document(client)
    created = client.post(URL, json=books.book(shelf="reading"))
    book = document.body_matches("POST", "list", created)
    path = f"{URL}/{book.get('id')}"
    journey = [created]
    for method, kind, response in (
            ("GET", "item", client.get(path)),
            ("PUT", "item", client.put(path, json=books.book(title="Dune Messiah", pages=256))),
            ("GET", "list", client.get(URL))):
        document.body_matches(method, kind, response, after=journey)
        journey.append(response)
    documented = document.json_schema(document.responses("GET", "item").get("200"))
    props = set(documented.get("properties", {})) if isinstance(documented, dict) else set()
    for response in journey:
        body = response.get_json()
        for item in body if isinstance(body, list) else [body]:
            extra = sorted(set(item) - props)
            expect(response).that(not extra, "a book with no field the document does not declare",
                                  got=f"{', '.join(extra)} in {show_json(item)[:200]}; the document "
                                      f"declares {sorted(props)}")
    deleted = client.delete(path)
    document.documented("DELETE", "item", deleted, after=journey)


def test_real_errors_match_the_document(books, client, read_document):
    """real 422 and 404 answers have documented statuses and match the error schema given for them"""
    document = read_document(client)
    book = books.create()
    path = f"{URL}/{book['id']}"
    missing = f"{URL}/999"
    for method, kind, response in (
            ("POST", "list", client.post(URL, json=books.book(pages=0, isbn="x"))),
            ("PUT", "item", client.put(path, json=books.book(title=""))),
            ("GET", "list", client.get(f"{URL}?page=0")),
            ("GET", "list", client.get(f"{URL}?shelf=lost")),
            ("GET", "item", client.get(missing)),
            ("PUT", "item", client.put(missing, json=books.book())),
            ("DELETE", "item", client.delete(missing))):
        document.body_matches(method, kind, response, after=["POST /api/books (book 1)"])


def test_documented_pagination_header_matches(books, client, read_document):
    """the list documents its X-Pagination header, and the real header matches its schema"""
    document = read_document(client)
    books.create_many(3)
    after = ["3 books created"]
    response = client.get(f"{URL}?page=2&page_size=1")
    doc = document.documented("GET", "list", response, after=after)
    headers = {name.lower(): value for name, value in (doc.get("headers") or {}).items()}
    header = headers.get("x-pagination")
    schema = header.get("schema") if isinstance(header, dict) else None
    e = expect(response, after=after)
    e.that(isinstance(schema, dict), f"the header X-Pagination, with a schema, documented on the 200 "
                                     f"of GET {URL}",
           got=f"the documented headers {show_json(doc.get('headers'))}",
           help="@blp.paginate documents the header itself, on the status of @blp.response.")
    value = books.pagination(response, after=after)
    wrong = document.problems(value, schema)
    e.that(not wrong, "an X-Pagination header that matches its documented schema",
           got="; ".join(wrong) + f"\nX-Pagination: {json.dumps(value)}")
