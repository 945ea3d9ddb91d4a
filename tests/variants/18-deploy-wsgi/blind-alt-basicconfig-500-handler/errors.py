"""Problem-details errors. Unexpected errors: Flask logs them (ERROR, with traceback) and the
500 handler below answers with a bland problem document."""

from flask import jsonify
from werkzeug.exceptions import HTTPException, InternalServerError

PROBLEM_JSON = "application/problem+json"


class APIError(Exception):
    status = 500
    title = "Internal Server Error"

    def __init__(self, detail, **extensions):
        super().__init__(detail)
        self.detail = detail
        self.extensions = extensions


class NotFound(APIError):
    status = 404
    title = "Not Found"


class ValidationError(APIError):
    status = 422
    title = "Validation Failed"


def problem(status, title, detail, **extensions):
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    body.update(extensions)
    return jsonify(body), status, {"Content-Type": PROBLEM_JSON}


def register_error_handlers(app):
    def api_error(error):
        return problem(error.status, error.title, error.detail, **error.extensions)

    def http_error(error):
        status, title, detail = error.code or 500, error.name, error.description
        response = app.make_response(problem(status, title, detail))
        for name, value in error.get_headers():
            if name.lower() != "content-type":
                response.headers[name] = value
        return response

    def server_error(error):
        # An unhandled exception arrives here wrapped in InternalServerError; Flask has
        # already logged it with app.logger.error(..., exc_info=...). Say nothing more.
        return problem(500, "Internal Server Error", "An unexpected error occurred.")

    app.register_error_handler(APIError, api_error)
    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(InternalServerError, server_error)
