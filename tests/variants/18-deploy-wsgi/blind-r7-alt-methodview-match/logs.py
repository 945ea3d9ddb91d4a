import logging
import sys
import time

from flask import g, request


def setup(level):
    # force=True replaces whatever handlers the root logger had: configured once per build.
    logging.basicConfig(level=level, stream=sys.stderr, force=True,
                        format="%(asctime)s %(levelname)-8s %(name)s | %(message)s")


def install_request_log(app):
    @app.before_request
    def _t0():
        g.t0 = time.monotonic()

    @app.after_request
    def _line(response):
        took = (time.monotonic() - g.get("t0", time.monotonic())) * 1000
        app.logger.info("%s %s -> %d (%.1f ms)", request.method, request.path,
                        response.status_code, took)
        return response
