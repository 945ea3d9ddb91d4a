from marshmallow import Schema, fields, validate

SHELVES = ["to-read", "reading", "read"]

# "Not only spaces": at least one character that is not whitespace. Regexp matches from the
# start of the value, hence the \s* (r"\S" alone would refuse " Dune"). apispec writes the
# pattern into the document too.
HAS_TEXT = validate.Regexp(r"\s*\S", error="Must not be blank.")


class BookSchema(Schema):
    id = fields.Int(dump_only=True)
    title = fields.Str(required=True, validate=[validate.Length(1, 200), HAS_TEXT])
    author = fields.Str(required=True, validate=[validate.Length(1, 100), HAS_TEXT])
    pages = fields.Int(required=True, strict=True, validate=[validate.Range(1, 10000)])
    shelf = fields.Str(load_default="to-read", validate=[validate.OneOf(SHELVES)])


class ShelfFilter(Schema):
    shelf = fields.Str(validate=validate.OneOf(SHELVES))
