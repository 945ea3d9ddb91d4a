"""Every shape of the API, for loading, dumping and the document."""

from marshmallow import Schema, ValidationError, fields, validate

SHELVES = ("to-read", "reading", "read")


def not_blank(value):
    if not value.strip():
        raise ValidationError("Must not be blank.")


class BookSchema(Schema):
    id = fields.Integer(dump_only=True)
    title = fields.String(required=True, validate=[validate.Length(min=1, max=200), not_blank])
    author = fields.String(required=True, validate=[validate.Length(min=1, max=100), not_blank])
    pages = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=10_000))
    shelf = fields.String(load_default="to-read", validate=validate.OneOf(SHELVES))


class ListQuerySchema(Schema):
    """The list's query string: the filter and the page. Loaded with unknown=EXCLUDE."""

    shelf = fields.String(validate=validate.OneOf(SHELVES))
    page = fields.Integer(load_default=1, validate=validate.Range(min=1))
    page_size = fields.Integer(load_default=10, validate=validate.Range(min=1, max=50))


class ErrorSchema(Schema):
    code = fields.Integer(metadata={"description": "The HTTP status"})
    status = fields.String(metadata={"description": "Its name"})
    message = fields.String()
    errors = fields.Dict(metadata={"description": "Messages by location, then by field"})


class PaginationSchema(Schema):
    total = fields.Integer()
    total_pages = fields.Integer()
    first_page = fields.Integer()
    last_page = fields.Integer()
    page = fields.Integer()
    previous_page = fields.Integer()
    next_page = fields.Integer()
