import pytest
from helpers import borrow


@pytest.fixture
def client_with_a_book(client, books):
    books("Middlemarch")
    return client


def test_lend(client_with_a_book):
    response = borrow(client_with_a_book)
    assert response.status_code == 201
    assert response.get_json()["returned"] is False
    assert client_with_a_book.get("/books/1").get_json()["available"] is False


def test_unknown_book_and_loan(client):
    assert borrow(client).status_code == 404
    assert client.post("/loans/1/return").status_code == 404


def test_lend_twice(client_with_a_book):
    borrow(client_with_a_book)
    assert borrow(client_with_a_book, who="Grace").status_code == 409


def test_return_and_lend_again(client_with_a_book):
    borrow(client_with_a_book)
    response = client_with_a_book.post("/loans/1/return")
    assert response.status_code == 200
    assert response.get_json()["returned"] is True
    assert client_with_a_book.get("/books/1").get_json()["available"] is True
    assert borrow(client_with_a_book, who="Grace").status_code == 201


def test_return_twice(client_with_a_book):
    borrow(client_with_a_book)
    client_with_a_book.post("/loans/1/return")
    assert client_with_a_book.post("/loans/1/return").status_code == 409


@pytest.mark.parametrize("who", ["", "   ", 7])
def test_blank_borrower(client_with_a_book, who):
    assert borrow(client_with_a_book, who=who).status_code == 400
