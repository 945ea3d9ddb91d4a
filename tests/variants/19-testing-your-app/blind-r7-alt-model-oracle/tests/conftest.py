"""A fresh app per test on a database file under tmp_path, and a library model to compare with."""

import pytest

from app import create_app
from shelf_model import ShelfModel


@pytest.fixture
def app(tmp_path):
    return create_app({"TESTING": True,
                       "SQLALCHEMY_DATABASE_URI": "sqlite:///" + str(tmp_path / "lib.sqlite")})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def model():
    return ShelfModel()
