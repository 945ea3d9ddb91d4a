"""Settings per environment. Only UPPERCASE names become config keys."""


class Base:
    DEBUG = False
    TESTING = False
    SECRET_KEY = None
    NAME_MAX = 40
    LOG_LEVEL = "INFO"


class Development(Base):
    SECRET_KEY = "dev-only-key-for-this-laptop"


class Production(Base):
    # Written out on purpose: Flask's default DEBUG follows FLASK_DEBUG.
    DEBUG = False
    TESTING = False
    SECRET_KEY = None  # from the environment, in create_app()
