"""GET /books a page at a time, and page_args() tested on its own in a request context."""

import pytest

from app import page_args


def titles(response):
    return [book["title"] for book in response.get_json()["books"]]


def add_books(add_book, count):
    for number in range(1, count + 1):
        add_book(f"Book {number}")


def test_books_are_listed_oldest_first(client, add_book):
    add_books(add_book, 3)
    response = client.get("/books")
    assert response.status_code == 200
    assert titles(response) == ["Book 1", "Book 2", "Book 3"]
    assert response.get_json()["total"] == 3


def test_pages_follow_each_other(client, add_book):
    add_books(add_book, 3)
    first = client.get("/books?per_page=2")
    assert titles(first) == ["Book 1", "Book 2"]
    assert first.get_json()["next"] == "/books?page=2&per_page=2"
    second = client.get(first.get_json()["next"])
    assert titles(second) == ["Book 3"]
    assert second.get_json()["next"] is None


def test_a_full_last_page_has_no_next(client, add_book):
    add_books(add_book, 4)
    response = client.get("/books?page=2&per_page=2")
    assert titles(response) == ["Book 3", "Book 4"]
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
