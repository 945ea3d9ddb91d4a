class DevConfig:
    SECRET_KEY = "dev"
    WRITES_PER_MINUTE = 30
    CRASH_ROUTE = True


class TestingConfig(DevConfig):
    TESTING = True
    WRITES_PER_MINUTE = 2


class ProductionConfig(DevConfig):
    CRASH_ROUTE = False
