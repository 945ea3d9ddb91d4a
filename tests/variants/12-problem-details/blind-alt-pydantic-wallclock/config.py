class Config:
    SECRET_KEY = "dev-only-not-secret"
    TESTING = False
    WRITES_PER_MINUTE = 30
    CRASH_ROUTE = True


class TestConfig(Config):
    TESTING = True
    WRITES_PER_MINUTE = 2


class ProductionConfig(Config):
    SECRET_KEY = None
    CRASH_ROUTE = False
