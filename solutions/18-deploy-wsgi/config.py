"""One config class per environment. create_app() picks one by name (see app.py).

Only UPPERCASE attributes become config keys. Keep secrets out of this file: it is copied,
committed and published, so anything written here is known to everybody who has the code.
"""


class Config:
    """What every environment shares."""

    # Off unless an environment says otherwise. Flask's own default for DEBUG comes from the
    # FLASK_DEBUG environment variable, so being explicit here is what makes "off" dependable.
    DEBUG = False
    TESTING = False
    SECRET_KEY = None
    # Production logs INFO and above: one line per request, warnings, errors. DEBUG is too
    # chatty for a server; WARNING hides the request lines you need when something goes wrong.
    LOG_LEVEL = "INFO"
    # POST /widgets refuses names longer than this.
    NAME_MAX = 40


class DevelopmentConfig(Config):
    """`flask run --debug`, `python app.py` and `flaskcourse serve` on your own machine."""

    # A key only this laptop uses. It signs nothing that matters, and it is never used in
    # production: ProductionConfig does not inherit it and create_app() reads the real one.
    SECRET_KEY = "dev-only-key-not-for-production"


class ProductionConfig(Config):
    """What a WSGI server gets when nobody says otherwise."""

    # Pinned, not inherited by accident: a FLASK_DEBUG=1 left in a server's environment must
    # not switch on the interactive debugger (which runs any Python code a visitor types).
    DEBUG = False
    TESTING = False
    # The real key comes from the SECRET_KEY environment variable, read in create_app().
    SECRET_KEY = None


CONFIGS = {"development": DevelopmentConfig, "production": ProductionConfig}
