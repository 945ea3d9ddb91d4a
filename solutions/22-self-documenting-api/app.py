"""Lesson 22: a reading-list API that validates its input and documents itself.

    GET    /api/books          200  one page of books (?page=, ?page_size=, ?shelf=); X-Pagination
    POST   /api/books          201  the new book, with Location; 422 naming every bad field
    GET    /api/books/<id>     200  the book; 404
    PUT    /api/books/<id>     200  the book, replaced; 404; 422
    DELETE /api/books/<id>     204  empty; 404
    GET    /openapi.json       200  the OpenAPI 3 document, written from the schemas
    GET    /docs               Swagger UI, to read and try the API in a browser

Run it:  flask --app app run --debug   (or flaskcourse serve)
"""

from flask import Flask
from flask_smorest import Api

import books
from store import BookStore

DEFAULTS = {
    # What the document says about itself (its "info" object).
    "API_TITLE": "Reading list",
    "API_VERSION": "v1",
    # Which OpenAPI the document follows; flask-smorest refuses to start without it.
    "OPENAPI_VERSION": "3.0.3",
    # Where the document is served: the prefix, then the file name under it -> /openapi.json.
    "OPENAPI_URL_PREFIX": "/",
    "OPENAPI_JSON_PATH": "openapi.json",
    # Swagger UI at /docs: a page whose scripts come from this CDN, in the reader's browser.
    "OPENAPI_SWAGGER_UI_PATH": "/docs",
    "OPENAPI_SWAGGER_UI_URL": "https://cdn.jsdelivr.net/npm/swagger-ui-dist/",
}


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    if config:
        # Before Api(app): it reads API_TITLE and the OPENAPI_ keys once, when it is made.
        app.config.from_mapping(config)

    app.extensions["books"] = BookStore()
    api = Api(app)
    api.register_blueprint(books.blp)
    return app


if __name__ == "__main__":
    create_app().run(debug=True)
