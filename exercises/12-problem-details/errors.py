"""Every error this API sends should be an RFC 7807 "problem details" document:

    HTTP/1.1 404 NOT FOUND
    Content-Type: application/problem+json

    {"type": "https://flaskcourse.example/problems/not-found", "title": "Not Found",
     "status": 404, "detail": "There is no widget with id 7."}

Three kinds of error reach a client, and each needs a handler in register_error_handlers:
  1. your own APIError family, raised by the views on purpose (404, 422, 429);
  2. Werkzeug's HTTPExceptions, raised by Flask itself (unknown URL, wrong method, broken JSON);
  3. anything else: a bug. A bland 500 for the client, the traceback in the log.
"""

from flask import Flask
from werkzeug.exceptions import HTTPException  # noqa: F401  (you will need it)

PROBLEM_JSON = "application/problem+json"
PROBLEM_TYPES = "https://flaskcourse.example/problems/"


class APIError(Exception):
    """An error the API sends on purpose.

    TODO: give it what a problem body needs: a status, a title, a type and a detail.
    One way: class attributes for what never changes (status = 500, title = "..."), and
    __init__(self, detail) for what does. Subclasses then only set the class attributes.
    """


class NotFound(APIError):
    """TODO: 404"""


class ValidationError(APIError):
    """TODO: 422, for JSON that parsed but is not a valid widget"""


class RateLimited(APIError):
    """TODO: 429"""


def register_error_handlers(app: Flask) -> None:
    """TODO: register three handlers, all answering with the same four-member body and the
    content type application/problem+json:

        @app.errorhandler(APIError)       -> the error's own status, title, type and detail
        @app.errorhandler(HTTPException)  -> error.code, error.name, error.description
                                             (and keep error.get_headers(): a 405's Allow)
        @app.errorhandler(Exception)      -> 500; app.logger.exception(...) first, and
                                             no exception text in the body

    Hint: write one small function that builds a problem response, and call it from all three.
    """
