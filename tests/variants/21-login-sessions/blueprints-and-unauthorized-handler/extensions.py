"""The extension objects, made once and attached to each app in create_app()."""

from flask_login import LoginManager
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    """The declarative base of the club's models."""


db = SQLAlchemy(model_class=Base)
login_manager = LoginManager()
