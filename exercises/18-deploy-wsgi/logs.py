"""Logging for a server process.

waitress writes no access log of its own, and Python's loggers drop everything below WARNING
until somebody configures them. So as shipped, this app says nothing in production until it
breaks. Two functions to write:
"""


def configure_logging(level="INFO"):
    """TODO: send every record at `level` or above to stderr, with the time and the level.

    One way: logging.config.dictConfig({...}) with a StreamHandler on ext://sys.stderr, a
    formatter like "%(asctime)s %(levelname)s [%(name)s] %(message)s", and the handler and the
    level on the root logger. Keep "disable_existing_loggers": False. Another way:
    logging.basicConfig(level=..., format=..., force=True). Either way, call it in create_app()
    before app.logger is used for the first time.
    """


def init_app(app):
    """TODO: log one INFO line per request: method, path and status (and, if you like, who
    asked and how long it took). An @app.after_request hook sees both request and response;
    it must return the response."""
