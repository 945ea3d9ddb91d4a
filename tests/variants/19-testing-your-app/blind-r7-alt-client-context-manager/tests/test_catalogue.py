import pytest

from conftest import DUNE


def test_post_answers_201_the_book_and_its_location(client):
    response = client.post("/books", json=DUNE)
    assert (response.status_code, response.headers.get("Location")) == (201, "/books/1")
    assert response.get_json() == {"id": 1, "title": "Dune", "author": "Frank Herbert",
                                   "available": True}


def test_second_book_gets_its_own_id_and_location(client, new_book):
    new_book()
    response = client.post("/books", json={"title": "Emma", "author": "Jane Austen"})
    assert response.headers["Location"] == "/books/2"
    assert response.get_json()["id"] == 2


def test_stored_book_is_read_back_trimmed(client):
    client.post("/books", json={"title": "\t Dune \n", "author": "  Frank Herbert "})
    response = client.get("/books/1")
    assert response.status_code == 200
    assert response.get_json() == {"id": 1, "title": "Dune", "author": "Frank Herbert",
                                   "available": True}


def test_get_unknown_book(client, new_book):
    new_book()
    response = client.get("/books/2")
    assert response.status_code == 404
    assert isinstance(response.get_json()["error"], str)


BAD = {
    "no title": {"author": "Frank Herbert"},
    "no author": {"title": "Dune"},
    "empty title": {"title": "", "author": "Frank Herbert"},
    "spaces author": {"title": "Dune", "author": "   "},
    "tab-newline title": {"title": "\t\n", "author": "Frank Herbert"},
    "number title": {"title": 42, "author": "Frank Herbert"},
    "null author": {"title": "Dune", "author": None},
    "list author": {"title": "Dune", "author": ["Frank Herbert"]},
    "array body": ["Dune", "Frank Herbert"],
    "string body": "Dune",
    "null body": None,
}


@pytest.mark.parametrize("body", BAD.values(), ids=BAD.keys())
def test_refused_json(client, body):
    response = client.post("/books", json=body)
    assert response.status_code == 400
    assert "error" in response.get_json()
    assert client.get("/books").get_json()["total"] == 0


@pytest.mark.parametrize("data, content_type", [
    ("Dune by Frank Herbert", "text/plain"),
    ("title=Dune&author=Frank", "application/x-www-form-urlencoded"),
    ('{"title": "Dune", "author":', "application/json"),
])
def test_refused_non_json(client, data, content_type):
    response = client.post("/books", data=data, content_type=content_type)
    assert response.status_code == 400
    assert "error" in response.get_json()
    assert client.get("/books").get_json()["total"] == 0
