"""Adding a book and reading it back: the status, the Location, what is stored, what is refused."""

import pytest


def test_adding_a_book_answers_201_with_the_book(add_book):
    response = add_book("Dune", "Frank Herbert")
    assert response.status_code == 201
    assert response.get_json() == {
        "id": 1, "title": "Dune", "author": "Frank Herbert", "available": True,
    }


def test_the_location_header_names_the_new_book(add_book):
    response = add_book()
    assert response.headers["Location"] == "/books/1"


def test_an_added_book_can_be_read_back(client, add_book):
    add_book("  Dune ", "Frank Herbert")
    response = client.get("/books/1")
    assert response.status_code == 200
    assert response.get_json()["title"] == "Dune"


def test_an_unknown_book_is_404(client):
    response = client.get("/books/1")
    assert response.status_code == 404
    assert "error" in response.get_json()


@pytest.mark.parametrize("body", [
    {"author": "Frank Herbert"},
    {"title": "Dune"},
    {"title": "   ", "author": "Frank Herbert"},
    {"title": "Dune", "author": ""},
    {"title": 42, "author": "Frank Herbert"},
    {"title": "Dune", "author": None},
    ["Dune", "Frank Herbert"],
])
def test_a_book_needs_a_title_and_an_author(client, body):
    response = client.post("/books", json=body)
    assert response.status_code == 400
    assert client.get("/books").get_json()["total"] == 0


def test_a_body_that_is_not_json_is_refused(client):
    response = client.post("/books", data="Dune by Frank Herbert")
    assert response.status_code == 400
