"""Lesson 09: an inventory API in two versions, each one a blueprint in its own module.

    GET /v1/items?offset=&limit=              a plain JSON array
    GET /v2/items?offset=&limit=&category=    {items, total, offset, limit, has_more}

Run it with `python app.py` or `flask --app app run`.
"""

import json

from flask import Flask
from werkzeug.exceptions import HTTPException

from inventory import SAMPLE_ITEMS

DEFAULTS = {
    # The items the API serves. A config mapping can bring its own list (the checks do).
    "INVENTORY": SAMPLE_ITEMS,
}


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    if config:
        app.config.from_mapping(config)

    # TODO: import the two blueprints (from api import v1, v2, at the top of this file) and
    #       register them here: v1.bp under the URL prefix "/v1", v2.bp under "/v2".
    #       Until then the app has no routes at all.

    app.register_error_handler(HTTPException, http_error_as_json)
    return app


def http_error_as_json(error):
    """Every HTTP error (the 400s from abort, a 404, a 405) as JSON instead of an HTML page."""
    response = error.get_response()
    response.data = json.dumps({"error": error.description, "status": error.code})
    response.content_type = "application/json"
    return response


if __name__ == "__main__":
    create_app().run(debug=True)
