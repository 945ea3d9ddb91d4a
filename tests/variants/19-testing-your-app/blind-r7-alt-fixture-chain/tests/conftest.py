"""Fixtures that build on each other: an app, then a book on its shelf, then that book lent,
then the loan returned. A test names the state it starts from. Every fixture is function
scoped, so each test gets its own app on its own temporary database."""

import pytest

from app import create_app


@pytest.fixture
def app(tmp_path):
    db_file = tmp_path / "library-under-test.db"
    return create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{db_file}"})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def book(client):
    """The id of a book on the shelf."""
    response = client.post("/books", json={"title": "Dune", "author": "Frank Herbert"})
    return response.get_json()["id"]


@pytest.fixture
def loan(client, book):
    """The id of a loan that has `book` out."""
    response = client.post(f"/books/{book}/loans", json={"borrower": "Ada"})
    return response.get_json()["id"]


@pytest.fixture
def returned_loan(client, loan):
    """The id of a loan that was returned: `book` is back on the shelf."""
    client.post(f"/loans/{loan}/return")
    return loan


@pytest.fixture(params=[
    {"author": "Frank Herbert"}, {"title": "Dune"}, {"title": "", "author": "Frank Herbert"},
    {"title": "Dune", "author": "   "}, {"title": "\n\t", "author": "Frank Herbert"},
    {"title": 42, "author": "Frank Herbert"}, {"title": "Dune", "author": None},
    {"title": True, "author": "Frank Herbert"}, ["Dune", "Frank Herbert"], "Dune", 12, None,
], ids=lambda body: repr(body))
def bad_book(request):
    return request.param


@pytest.fixture(params=[{}, {"name": "Ada"}, {"borrower": ""}, {"borrower": "  "},
                        {"borrower": "\t\n"}, {"borrower": 7}, {"borrower": None},
                        {"borrower": ["Ada"]}, ["Ada"]], ids=lambda body: repr(body))
def bad_borrower(request):
    return request.param


def book_of(client, book_id):
    return client.get(f"/books/{book_id}").get_json()
