"""The entry module the course loads: the app itself lives in the library package."""

from library import create_app

__all__ = ["create_app"]
