"""The library, one visit: each step uses what the steps before it did."""

import pytest


def test_the_library_starts_empty(client):
    assert client.get("/books").get_json()["total"] == 0
    assert client.get("/books/1").status_code == 404


@pytest.mark.parametrize("body", [
    {"author": "Frank Herbert"}, {"title": "Dune"},
    {"title": "", "author": "Frank Herbert"}, {"title": "   ", "author": "Frank Herbert"},
    {"title": 42, "author": "Frank Herbert"}, {"title": "Dune", "author": None},
    ["Dune", "Frank Herbert"],
])
def test_a_bad_book_is_refused(client, body):
    assert client.post("/books", json=body).status_code == 400
    assert client.get("/books").get_json()["total"] == 0


def test_adding_dune(client):
    response = client.post("/books", json={"title": " Dune ", "author": "Frank Herbert"})
    assert response.status_code == 201
    assert response.headers["Location"] == "/books/1"
    assert response.get_json() == {"id": 1, "title": "Dune", "author": "Frank Herbert", "available": True}


def test_dune_is_stored(client):
    assert client.get("/books/1").get_json()["title"] == "Dune"


def test_lending_dune(client):
    response = client.post("/books/1/loans", json={"borrower": " Ada "})
    assert response.status_code == 201
    assert response.get_json() == {"id": 1, "book_id": 1, "borrower": "Ada", "returned": False}
    assert client.get("/books/1").get_json()["available"] is False


def test_dune_cannot_be_lent_twice(client):
    assert client.post("/books/1/loans", json={"borrower": "Grace"}).status_code == 409


@pytest.mark.parametrize("body", [{}, {"borrower": ""}, {"borrower": "  "}, {"borrower": 7}])
def test_a_loan_needs_a_borrower(client, body):
    assert client.post("/books/1/loans", json=body).status_code == 400


def test_returning_dune(client):
    response = client.post("/loans/1/return")
    assert response.status_code == 200
    assert response.get_json()["returned"] is True
    assert client.get("/books/1").get_json()["available"] is True


def test_returning_dune_twice(client):
    assert client.post("/loans/1/return").status_code == 409


def test_dune_can_be_lent_again(client):
    assert client.post("/books/1/loans", json={"borrower": "Grace"}).status_code == 201


def test_unknown_books_and_loans(client):
    assert client.post("/books/99/loans", json={"borrower": "Ada"}).status_code == 404
    assert client.post("/loans/99/return").status_code == 404


def test_seeding_four_more(client, runner):
    result = runner.invoke(args=["seed", "--count", "4"])
    assert result.exit_code == 0
    assert "Added 4 sample books." in result.output
    assert client.get("/books").get_json()["total"] == 5


def test_seeding_zero_is_refused(client, runner):
    assert runner.invoke(args=["seed", "--count", "0"]).exit_code == 2
    assert client.get("/books").get_json()["total"] == 5


def test_the_pages(client):
    first = client.get("/books?per_page=2").get_json()
    assert [b["id"] for b in first["books"]] == [1, 2]
    assert first["next"] == "/books?page=2&per_page=2"
    last = client.get("/books?page=3&per_page=2").get_json()
    assert [b["id"] for b in last["books"]] == [5]
    assert last["next"] is None
    full = client.get("/books?page=1&per_page=5").get_json()
    assert full["next"] is None and len(full["books"]) == 5
