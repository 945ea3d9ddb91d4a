"""Entry point: `flask --app app run` finds create_app here."""
from widgetapi import create_app

__all__ = ["create_app"]

if __name__ == "__main__":
    create_app().run(debug=True)
