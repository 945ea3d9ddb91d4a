"""stderr logging set up by hand, access lines from Flask's request_finished signal."""

import logging
import sys

from flask import request, request_finished

_HANDLER_NAME = "server-stderr"


def configure_logging(level="INFO"):
    root = logging.getLogger()
    if not any(h.get_name() == _HANDLER_NAME for h in root.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.set_name(_HANDLER_NAME)
        handler.setFormatter(logging.Formatter("[%(asctime)s] %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    root.setLevel(level)


def _log_request(sender, response, **extra):
    sender.logger.info("method=%s path=%s status=%s", request.method, request.path, response.status_code)


def init_app(app):
    request_finished.connect(_log_request, app)
