"""Logging for a server process: where lines go, what they look like, and one line per request.

A WSGI server such as waitress does not write an access log of its own, and Flask's logger
only shows WARNING and above unless somebody configures it. Without this module a production
app would be silent until something breaks, and then you would have no idea what came before.
"""

import time
from logging.config import dictConfig

from flask import g, request

# Time first (to line up with other logs), then the level (to grep for ERROR), then the logger
# name (which part of the program spoke), then the message.
FORMAT = "%(asctime)s %(levelname)s [%(name)s] %(message)s"


def configure_logging(level="INFO"):
    """Send every logger's records at `level` or above to stderr, in one format.

    Configure the root logger, not app.logger: waitress's own lines ("Serving on ...") and any
    library you add later then share the same handler and format. Do it before the app's
    logger is first used, or Flask attaches its default handler too and lines appear twice.
    """
    dictConfig({
        "version": 1,
        # Loggers created before this call (waitress's, for one) keep working.
        "disable_existing_loggers": False,
        "formatters": {"default": {"format": FORMAT}},
        "handlers": {
            # stderr: unbuffered, where Python logs by default and where process managers
            # (systemd, Docker, a PaaS) collect a service's diagnostics.
            "stderr": {"class": "logging.StreamHandler", "stream": "ext://sys.stderr",
                       "formatter": "default"},
        },
        "root": {"level": level, "handlers": ["stderr"]},
    })


def init_app(app):
    """Log one INFO line per request: who, what, the status and how long it took."""

    @app.before_request
    def start_timer():
        g.request_started = time.perf_counter()

    @app.after_request
    def log_request(response):
        started = g.get("request_started", time.perf_counter())
        elapsed_ms = (time.perf_counter() - started) * 1000
        # request.path, not request.full_path: query strings sometimes carry tokens, and a
        # log file is read by more people than the database is.
        app.logger.info("%s %s %s %s %.1fms", request.remote_addr, request.method,
                        request.path, response.status_code, elapsed_ms)
        return response

