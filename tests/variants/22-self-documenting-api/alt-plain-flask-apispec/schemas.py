"""The shapes of the API: the book, its filter, the page parameters, an error, the page header."""

from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate

SHELVES = ("to-read", "reading", "read")


def has_text(value):
    if not value.strip():
        raise ValidationError("Must not be blank.")


class BookSchema(Schema):
    id = fields.Integer(dump_only=True)
    title = fields.String(required=True, validate=[validate.Length(min=1, max=200), has_text])
    author = fields.String(required=True, validate=[validate.Length(min=1, max=100), has_text])
    pages = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=10_000))
    shelf = fields.String(load_default="to-read", validate=validate.OneOf(SHELVES))


class BookFilterSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    shelf = fields.String(validate=validate.OneOf(SHELVES))


class PageSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    page = fields.Integer(load_default=1, validate=validate.Range(min=1))
    page_size = fields.Integer(load_default=10, validate=validate.Range(min=1, max=50))


class ErrorSchema(Schema):
    code = fields.Integer()
    status = fields.String()
    message = fields.String()
    errors = fields.Dict()


class PageInfoSchema(Schema):
    total = fields.Integer()
    total_pages = fields.Integer()
    first_page = fields.Integer()
    last_page = fields.Integer()
    page = fields.Integer()
    previous_page = fields.Integer()
    next_page = fields.Integer()
