"""Server logging with logging.basicConfig, and one access line per request."""

import logging
import sys

from flask import request


def configure_logging(level="INFO"):
    logging.basicConfig(
        level=getattr(logging, level),
        stream=sys.stderr,
        format="%(asctime)s | %(levelname)-8s | %(name)s | %(message)s",
        force=True,
    )


def init_app(app):
    def access_line(response):
        app.logger.info("%s %s -> %d", request.method, request.path, response.status_code)
        return response

    app.after_request(access_line)
