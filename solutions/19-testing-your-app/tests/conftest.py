"""Fixtures for every test file in tests/: pytest hands them to any test that names them.

Each test gets a new app on its own database file under pytest's tmp_path, so no test sees
another's books, and the real instance/library.db is never touched.
"""

import pytest

from app import create_app


@pytest.fixture
def app(tmp_path):
    return create_app({
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'test.db'}",
    })


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def add_book(client):
    """add_book(title): POST /books with a title and an author; returns the response."""
    def add(title="Dune", author="Frank Herbert"):
        return client.post("/books", json={"title": title, "author": author})
    return add


@pytest.fixture
def lend(client):
    """lend(book_id, borrower): POST /books/<id>/loans; returns the response."""
    def post(book_id, borrower="Ada"):
        return client.post(f"/books/{book_id}/loans", json={"borrower": borrower})
    return post
