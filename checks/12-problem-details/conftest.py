"""Lesson 12: the config every check's app gets, and a record of what the app logs."""

import logging

import pytest


@pytest.fixture
def app_config():
    # Stated outright, so a learner whose defaults differ is still checked on the contract:
    # the crash-test route on, and a write limit no ordinary check comes near.
    return {"CRASH_ROUTE": True, "WRITES_PER_MINUTE": 30}


class Records(logging.Handler):
    """Every log record, from the root logger and from app.logger (which may not propagate)."""

    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.records = []

    def emit(self, record):
        if all(r is not record for r in self.records):
            self.records.append(record)

    def errors(self):
        return [r for r in self.records if r.levelno >= logging.ERROR]

    def crashes(self):
        """The exceptions logged with their traceback (exc_info), newest last."""
        return [r.exc_info[1] for r in self.errors() if r.exc_info and r.exc_info[1] is not None]


@pytest.fixture
def logged(app):
    handler = Records()
    loggers = [logging.getLogger(), app.logger]
    for logger in loggers:
        logger.addHandler(handler)
    try:
        yield handler
    finally:
        for logger in loggers:
            logger.removeHandler(handler)
