"""Settings. Secrets never live here."""


class Base:
    NAME_MAX = 40
    LOG_LEVEL = "INFO"


class Dev(Base):
    DEBUG = False
    TESTING = False
    SECRET_KEY = "dev-key-for-local-use"


class Prod(Base):
    DEBUG = False
    TESTING = False
    SECRET_KEY = None


CONFIGS = {"production": Prod, "development": Dev}
