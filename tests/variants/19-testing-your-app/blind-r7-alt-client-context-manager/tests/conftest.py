"""Fixtures: one in-memory library per test, and a client used as a context manager."""

import pytest

from app import create_app

DUNE = {"title": "Dune", "author": "Frank Herbert"}


@pytest.fixture
def app():
    return create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})


@pytest.fixture
def client(app):
    # `with` keeps each request's context until the next request starts; it never
    # shares one between two requests, so every GET reads what was committed.
    with app.test_client() as client:
        yield client


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def new_book(client):
    def new_book(**fields):
        body = {**DUNE, **fields}
        response = client.post("/books", json=body)
        assert response.status_code == 201, response.get_json()
        return response.get_json()["id"]
    return new_book
