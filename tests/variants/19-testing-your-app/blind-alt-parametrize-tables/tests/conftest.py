import pytest

from app import create_app


@pytest.fixture
def app():
    """A new app on its own in-memory database (gone with the app)."""
    return create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def make_library(client):
    """make_library(*titles, lent=()): add the books in order and lend those listed; returns the client."""
    def make(*titles, lent=()):
        for title in titles:
            assert client.post("/books", json={"title": title, "author": "Someone"}).status_code == 201
        for book_id in lent:
            assert client.post(f"/books/{book_id}/loans", json={"borrower": "Ada"}).status_code == 201
        return client
    return make
