"""Config per environment."""


class Config:
    TESTING = False
    NAME_MAX = 40
    LOG_LEVEL = "INFO"


class DevelopmentConfig(Config):
    DEBUG = True
    SECRET_KEY = "only-for-my-laptop"


class ProductionConfig(Config):
    DEBUG = False
    TESTING = False
    SECRET_KEY = None


CONFIGS = {"development": DevelopmentConfig, "production": ProductionConfig}
