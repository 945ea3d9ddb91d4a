"""Config classes; ProductionConfig.init_app finishes what only the environment can say."""

import os


class Config:
    DEBUG = False
    TESTING = False
    NAME_MAX = 40
    LOG_LEVEL = "INFO"

    @classmethod
    def init_app(cls, app):
        pass


class DevelopmentConfig(Config):
    SECRET_KEY = "development-only"


class ProductionConfig(Config):
    DEBUG = False
    TESTING = False
    SECRET_KEY = None

    @classmethod
    def init_app(cls, app):
        app.config["SECRET_KEY"] = app.config.get("SECRET_KEY") or os.environ.get("SECRET_KEY")


CONFIGS = {"development": DevelopmentConfig, "production": ProductionConfig}
