"""Configuration as classes: one place per environment, each a small diff from the base.

create_app() loads one of these with app.config.from_object(...), then lays the mapping it was
given on top. Only UPPERCASE attributes become config keys; anything else here is ignored.
"""


class Config:
    """Development defaults: what `flask run` and `flaskcourse serve` get with no config at all."""

    # Development only: a real deployment reads its key from the environment (lesson 17).
    SECRET_KEY = "dev-only-secret-key-change-me"
    TESTING = False
    # POST /widgets is limited per client IP: at most this many writes per minute.
    WRITES_PER_MINUTE = 30
    # GET /debug/crash raises on purpose, to prove that crashes are logged and answered safely.
    # Error-tracking services (Sentry and friends) tell you to add exactly such a route.
    CRASH_ROUTE = True


class TestConfig(Config):
    """For your own test suite: create_app(TestConfig) or create_app({"TESTING": True})."""

    TESTING = True
    # A small limit, so a test can reach the 429 in three requests.
    WRITES_PER_MINUTE = 2


class ProductionConfig(Config):
    """Production: no crash route for strangers to hit, and no key baked into the code."""

    SECRET_KEY = None  # must come from the environment; lesson 17 refuses to start without it
    CRASH_ROUTE = False


# APP_ENV=production flask --app app run   picks a class without touching the code.
BY_NAME = {"development": Config, "testing": TestConfig, "production": ProductionConfig}
