"""GET /books a page at a time, and page_args() tested on its own in a request context."""

import pytest

from app import page_args


def titles(response):
    return [book["title"] for book in response.get_json()["books"]]


def test_books_are_listed_oldest_first(client, add_book):
    for title in ["Dune", "Emma", "Beloved"]:
        add_book(title)
    response = client.get("/books")
    assert response.status_code == 200
    assert titles(response) == ["Dune", "Emma", "Beloved"]
    assert response.get_json()["total"] == 3


def test_pages_follow_each_other(client, add_book):
    for title in ["Dune", "Emma", "Beloved"]:
        add_book(title)
    first = client.get("/books?per_page=2")
    assert titles(first) == ["Dune", "Emma"]
    assert first.get_json()["next"] == "/books?page=2&per_page=2"
    second = client.get(first.get_json()["next"])
    assert titles(second) == ["Beloved"]
    assert second.get_json()["next"] is None


def test_a_full_last_page_has_no_next(client, add_book):
    for title in ["Dune", "Emma", "Beloved", "Ulysses"]:
        add_book(title)
    response = client.get("/books?page=2&per_page=2")
    assert titles(response) == ["Beloved", "Ulysses"]
    assert response.get_json()["next"] is None


@pytest.mark.parametrize("query, expected", [
    ("", (1, 10)),
    ("?page=3&per_page=5", (3, 5)),
    ("?per_page=20", (1, 20)),
    ("?per_page=21", (1, 20)),
    ("?per_page=0", (1, 1)),
    ("?page=0", (1, 10)),
    ("?page=two&per_page=many", (1, 10)),
])
def test_page_args_keeps_the_page_within_bounds(app, query, expected):
    with app.test_request_context(f"/books{query}"):
        assert page_args() == expected
