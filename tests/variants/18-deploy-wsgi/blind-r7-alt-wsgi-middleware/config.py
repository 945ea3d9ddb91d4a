"""Environments as frozen dataclass instances; from_object reads their UPPERCASE fields."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    DEBUG: bool = False
    TESTING: bool = False
    SECRET_KEY: str | None = None
    NAME_MAX: int = 40


DEVELOPMENT = Settings(SECRET_KEY="local-development-key")
PRODUCTION = Settings(DEBUG=False, TESTING=False, SECRET_KEY=None)

ENVIRONMENTS = {"development": DEVELOPMENT, "production": PRODUCTION}
