"""Configuration as classes: one per environment, each a small diff from the base.

create_app() loads one of these with app.config.from_object(...). Only UPPERCASE attributes
become config keys.
"""


class Config:
    """Development defaults: what `flask run` and `flaskcourse serve` get with no config at all."""

    SECRET_KEY = "dev-only-secret-key-change-me"
    TESTING = False
    # POST /widgets is limited per client IP: at most this many writes per minute.
    WRITES_PER_MINUTE = 30
    # When True, GET /debug/crash raises an exception on purpose (see widgets.py).
    CRASH_ROUTE = True


class TestConfig(Config):
    # TODO: what differs when your own tests build the app? (TESTING on, a small write limit)
    pass


class ProductionConfig(Config):
    # TODO: what differs in production? (no crash route; no secret key written in the code)
    pass


# APP_ENV=production flask --app app run   picks a class without touching the code.
BY_NAME = {"development": Config, "testing": TestConfig, "production": ProductionConfig}
