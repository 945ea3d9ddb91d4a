"""The OpenAPI document, written by hand around the same schemas."""

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin

from schemas import BookSchema, ErrorSchema, ListQuerySchema, PaginationSchema


def build(title, version, openapi_version):
    spec = APISpec(title=title, version=version, openapi_version=openapi_version,
                   plugins=[MarshmallowPlugin()])
    spec.components.schema("Book", schema=BookSchema)
    spec.components.schema("Error", schema=ErrorSchema)
    spec.components.schema("PaginationMetadata", schema=PaginationSchema)
    error = {"content": {"application/json": {"schema": "Error"}}}
    spec.components.response("Invalid", {"description": "A rule is broken", **error})
    spec.components.response("NotFound", {"description": "There is no book with this id", **error})
    # Any other error (a 400 for JSON that does not parse, a 415, a 405) has the same shape.
    spec.components.response("OtherError", {"description": "Any other error", **error})
    body = {"required": True, "content": {"application/json": {"schema": "Book"}}}
    one = {"content": {"application/json": {"schema": "Book"}}}
    spec.path(path="/api/books", operations={
        "get": {
            "summary": "List books, oldest first",
            "parameters": [{"in": "query", "schema": ListQuerySchema}],
            "responses": {
                "200": {"description": "One page", "content": {"application/json": {
                    "schema": {"type": "array", "items": {"$ref": "#/components/schemas/Book"}}}},
                    "headers": {"X-Pagination": {"description": "Where the page stands",
                                                 "schema": "PaginationMetadata"}}},
                "422": "Invalid",
                "default": "OtherError",
            },
        },
        "post": {
            "summary": "Add a book",
            "requestBody": body,
            "responses": {"201": {"description": "The new book", **one}, "422": "Invalid",
                          "default": "OtherError"},
        },
    })
    spec.path(path="/api/books/{book_id}", parameters=[
        {"in": "path", "name": "book_id", "required": True, "schema": {"type": "integer", "minimum": 0}}
    ], operations={
        "get": {"summary": "Get one book",
                "responses": {"200": {"description": "The book", **one}, "404": "NotFound",
                              "default": "OtherError"}},
        "put": {"summary": "Replace a book", "requestBody": body,
                "responses": {"200": {"description": "The book as replaced", **one},
                              "404": "NotFound", "422": "Invalid", "default": "OtherError"}},
        "delete": {"summary": "Delete a book",
                   "responses": {"204": {"description": "Deleted"}, "404": "NotFound",
                                 "default": "OtherError"}},
    })
    return spec.to_dict()
