import os


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY", "only-for-local-development")
    TESTING = False
    WRITES_PER_MINUTE = 30
    CRASH_ROUTE = True


class TestConfig(Config):
    TESTING = True
    WRITES_PER_MINUTE = 2


class ProductionConfig(Config):
    CRASH_ROUTE = False


def pick(env_name):
    return {"production": ProductionConfig, "testing": TestConfig}.get(env_name, Config)
