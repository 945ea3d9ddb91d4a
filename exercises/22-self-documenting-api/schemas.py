"""What a book looks like on the wire, said once.

flask-smorest uses each schema three ways: to validate what comes in (a 422 naming every bad
field), to shape what goes out (only the fields declared here), and to write the OpenAPI
document (types, limits, required fields). Right now the fields are declared but nothing about
them is enforced: any value of the right type goes in, and nothing is required.
"""

from marshmallow import Schema, ValidationError, fields, validate  # noqa: F401  (you will need them)

SHELVES = ("to-read", "reading", "read")


class BookSchema(Schema):
    """A book on the reading list.

    TODO, field by field (the lesson text's table "The book" has every rule):
      - id: set by the server only. It is already dump_only: read what that means for a client
        that sends one.
      - title: required, 1 to 200 characters, and not only spaces. Length(min=1) lets "   "
        through: write a small validator function that raises ValidationError.
      - author: the same, 1 to 100 characters.
      - pages: required, a JSON integer from 1 to 10000. Try loading {"pages": 412.9} first.
      - shelf: optional, one of SHELVES; a book sent without one is on "to-read".
    """

    id = fields.Integer(dump_only=True)
    title = fields.String()
    author = fields.String()
    pages = fields.Integer()
    shelf = fields.String()


class BookQuerySchema(Schema):
    """The query string of GET /api/books: ?shelf= filters the list.

    TODO: only the values of SHELVES are allowed.
    """

    shelf = fields.String()
