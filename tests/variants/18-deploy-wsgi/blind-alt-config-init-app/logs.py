"""Logging: root handler on stderr via dictConfig; access lines on the 'access' logger."""

import logging
import logging.config

from flask import request

access_log = logging.getLogger("access")


def configure_logging(level="INFO"):
    logging.config.dictConfig({
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"plain": {"format": "%(asctime)s [%(levelname)s] %(name)s - %(message)s",
                                 "datefmt": "%Y-%m-%dT%H:%M:%S%z"}},
        "handlers": {"err": {"class": "logging.StreamHandler", "formatter": "plain",
                             "stream": "ext://sys.stderr", "level": "DEBUG"}},
        "root": {"handlers": ["err"], "level": level},
    })


def init_app(app):
    @app.after_request
    def _access(response):
        access_log.info('"%s %s" %s %s', request.method, request.path, response.status_code,
                        response.content_length)
        return response
