import os

BASE = {"DEBUG": False, "TESTING": False, "LOG_LEVEL": "INFO"}


def load(name):
    match name:
        case "production":
            return BASE | {"SECRET_KEY": os.getenv("SECRET_KEY") or None}
        case "development":
            return BASE | {"SECRET_KEY": "dev", "LOG_LEVEL": "DEBUG"}
        case _:
            raise ValueError(f"APP_ENV must be production or development, not {name!r}")
