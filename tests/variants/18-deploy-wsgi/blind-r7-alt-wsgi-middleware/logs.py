"""Server logging: one root handler on stderr, and an access line per request from WSGI."""

import logging
import sys
import time

FORMAT = "%(asctime)s [%(levelname)s] %(name)s: %(message)s"


class _OurHandler(logging.StreamHandler):
    """Marker class, so a second build replaces our handler instead of adding another."""


def configure(level=logging.INFO):
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, _OurHandler)]:
        root.removeHandler(old)
    handler = _OurHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(handler)
    root.setLevel(level)


class AccessLog:
    """WSGI middleware: logs method, path (no query string) and status of every request."""

    def __init__(self, wsgi_app, logger_name="access"):
        self.wsgi_app = wsgi_app
        self.log = logging.getLogger(logger_name)

    def __call__(self, environ, start_response):
        started = time.perf_counter()
        method = environ.get("REQUEST_METHOD", "-")
        path = environ.get("PATH_INFO", "").encode("latin-1").decode("utf-8", "replace") or "/"
        client = environ.get("REMOTE_ADDR", "-")

        def logging_start_response(status, headers, exc_info=None):
            self.log.info("%s %s %s %s %.1fms", client, method, path, status.split(" ", 1)[0],
                          (time.perf_counter() - started) * 1000)
            if exc_info is None:
                return start_response(status, headers)
            return start_response(status, headers, exc_info)

        return self.wsgi_app(environ, logging_start_response)
