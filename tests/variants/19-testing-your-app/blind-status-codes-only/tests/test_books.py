import pytest


def test_add_book(add_book):
    assert add_book("Dune", "Frank Herbert").status_code == 201


def test_get_book(client, add_book):
    add_book()
    assert client.get("/books/1").status_code == 200


def test_get_unknown_book(client):
    assert client.get("/books/99").status_code == 404


@pytest.mark.parametrize("body", [
    {"author": "Frank Herbert"}, {"title": "Dune"},
    {"title": "", "author": "Frank Herbert"}, {"title": "   ", "author": "Frank Herbert"},
    {"title": 42, "author": "Frank Herbert"}, {"title": "Dune", "author": None},
    ["Dune", "Frank Herbert"], "Dune",
])
def test_bad_book(client, body):
    assert client.post("/books", json=body).status_code == 400
    assert client.get("/books").get_json()["total"] == 0


def test_not_json(client):
    assert client.post("/books", data="Dune").status_code == 400
