from flask import jsonify
from werkzeug.exceptions import HTTPException


class ApiProblem(Exception):
    def __init__(self, status, title, detail):
        super().__init__(detail)
        self.status, self.title, self.detail = status, title, detail


def as_json(status, title, detail):
    response = jsonify({"status": status, "title": title, "detail": detail})
    response.status_code = status
    return response  # plain application/json


def init_app(app):
    @app.errorhandler(ApiProblem)
    def api_problem(e):
        return as_json(e.status, e.title, e.detail)

    @app.errorhandler(HTTPException)
    def http_problem(e):
        response = as_json(e.code, e.name, e.description)
        allow = e.get_response().headers.get("Allow")
        if allow:
            response.headers["Allow"] = allow
        return response

    @app.errorhandler(500)
    def server_error(e):
        # Flask has already logged the original exception at ERROR with its traceback.
        return as_json(500, "Internal Server Error", "The server could not complete the request.")
