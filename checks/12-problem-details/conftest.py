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
        return [r.exc_info[1] for r in self.errors()
                if r.exc_info and r.exc_info[1] is not None and formats(r)
                and raised_in_learner_code(r.exc_info[1])]


def raised_in_learner_code(exc):
    """The crash itself was raised by the learner's code (the crash route), not by a failing
    logging call inside the error handler."""
    from flaskcourse.checking import learner

    tb = exc.__traceback__
    last = None
    while tb is not None:
        last, tb = tb, tb.tb_next
    return last is not None and learner.is_learner_file(last.tb_frame.f_code.co_filename)


def formats(record):
    """A record whose message cannot even be built (arguments that do not fit the format) is
    printed by logging as "--- Logging error ---", without the traceback of the crash."""
    try:
        record.getMessage()
    except Exception:
        return False
    return True


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
