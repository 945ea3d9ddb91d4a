"""The shapes of the reading list, each said once."""

from marshmallow import RAISE, Schema, ValidationError, fields, validate

SHELVES = ["to-read", "reading", "read"]


class StrictSchema(Schema):
    class Meta:
        unknown = RAISE  # said out loud, though it is marshmallow 4's default


def has_text(value: str) -> None:
    if value.isspace():
        raise ValidationError("Must not be blank.")


class BookSchema(StrictSchema):
    id = fields.Int(dump_only=True, metadata={"description": "Set by the server."})
    title = fields.Str(required=True, validate=[validate.Length(1, 200), has_text])
    author = fields.Str(required=True, validate=[validate.Length(1, 100), has_text])
    pages = fields.Int(required=True, strict=True, validate=[validate.Range(1, 10000)])
    shelf = fields.Str(load_default="to-read", validate=[validate.OneOf(SHELVES)])


class ShelfFilterSchema(Schema):
    shelf = fields.Str(validate=validate.OneOf(SHELVES), metadata={"description": "Only this shelf."})
