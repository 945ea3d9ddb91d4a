"""Config classes. PROPAGATE_EXCEPTIONS is off everywhere, even in testing: a crash is then
logged by Flask itself and turned into an InternalServerError, which errors.py dresses."""


class Config:
    SECRET_KEY = "dev-only-change-me"
    TESTING = False
    PROPAGATE_EXCEPTIONS = False
    WRITES_PER_MINUTE = 30
    CRASH_ROUTE = True


class TestConfig(Config):
    TESTING = True
    WRITES_PER_MINUTE = 2


class ProductionConfig(Config):
    SECRET_KEY = None
    CRASH_ROUTE = False
