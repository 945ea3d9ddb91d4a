"""Configuration as classes: create_app() loads one with app.config.from_object(...).

Right now there is one class, and it was written for a laptop. Split it:

    Config              what every environment shares (DEBUG and TESTING off, LOG_LEVEL)
    DevelopmentConfig   a dev-only SECRET_KEY is fine here
    ProductionConfig    DEBUG = False and TESTING = False *written out*, and no SECRET_KEY

and a CONFIGS = {"development": ..., "production": ...} mapping for create_app() to pick from.
"""


class Config:
    # TODO: this is a development setting. In production it turns every error page into
    #       Werkzeug's interactive debugger. It must not be what a server gets.
    DEBUG = True
    TESTING = False
    # TODO: a key written in the code is a key everybody who has the code knows. Keep it for
    #       development only; production reads SECRET_KEY from the environment (in create_app).
    SECRET_KEY = "dev-only-key-not-for-production"
    # POST /widgets refuses names longer than this.
    NAME_MAX = 40


# TODO: class DevelopmentConfig(Config): ...
# TODO: class ProductionConfig(Config): ...  (pin DEBUG = False: Flask's default for DEBUG
#       comes from the FLASK_DEBUG environment variable, and a server may have it left over)
# TODO: CONFIGS = {"development": DevelopmentConfig, "production": ProductionConfig}
