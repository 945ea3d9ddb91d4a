"""What a book looks like on the wire, said once.

flask-smorest uses each schema three ways: to validate what comes in (a 422 naming every bad
field), to shape what goes out (only the fields declared here), and to write the OpenAPI
document (types, limits, required fields), so the three cannot drift apart.
"""

from marshmallow import Schema, ValidationError, fields, validate

SHELVES = ("to-read", "reading", "read")


def not_blank(value: str) -> None:
    """Refuse a string of only whitespace, which Length(min=1) lets through.

    A validator must raise: in marshmallow 4 whatever it returns is ignored.
    """
    if not value.strip():
        raise ValidationError("Must not be blank.")


class BookSchema(Schema):
    """A book on the reading list. Unknown fields are refused (marshmallow's default, RAISE)."""

    # dump_only: the server sets the id; a client that sends one gets "Unknown field."
    id = fields.Integer(dump_only=True)
    title = fields.String(required=True, validate=[validate.Length(min=1, max=200), not_blank])
    author = fields.String(required=True, validate=[validate.Length(min=1, max=100), not_blank])
    # strict: without it marshmallow reads "412" as 412 and 412.9 as 412.
    pages = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=10_000))
    shelf = fields.String(load_default="to-read", validate=validate.OneOf(SHELVES))


class BookQuerySchema(Schema):
    """The filter of GET /api/books. Unknown query parameters are ignored (flask-smorest's
    default for the query string), which lets page and page_size share it."""

    shelf = fields.String(validate=validate.OneOf(SHELVES))
