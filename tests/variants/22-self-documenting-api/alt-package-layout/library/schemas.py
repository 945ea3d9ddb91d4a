"""Schemas: a book, and the filter of the list."""

import enum

from marshmallow import Schema, fields, validate


class Shelf(enum.Enum):
    TO_READ = "to-read"
    READING = "reading"
    READ = "read"


SHELF_NAMES = [shelf.value for shelf in Shelf]
SOME_TEXT = validate.Regexp(r"[\s\S]*\S", error="Write something more than spaces.")


class BookSchema(Schema):
    id = fields.Integer(dump_only=True, metadata={"description": "Given by the server."})
    title = fields.String(required=True, validate=(validate.Length(min=1, max=200), SOME_TEXT))
    author = fields.String(required=True, validate=(validate.Length(min=1, max=100), SOME_TEXT))
    pages = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=10000))
    shelf = fields.String(load_default=Shelf.TO_READ.value, validate=validate.OneOf(SHELF_NAMES))


class ShelfFilterSchema(Schema):
    shelf = fields.String(validate=validate.OneOf(SHELF_NAMES))
