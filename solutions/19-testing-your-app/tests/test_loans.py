"""Lending and returning: a book is out once at a time, and back on the shelf after a return."""

import pytest


def test_lending_a_book_takes_it_off_the_shelf(client, add_book, lend):
    add_book()
    response = lend(1, "Ada")
    assert response.status_code == 201
    assert response.get_json() == {"id": 1, "book_id": 1, "borrower": "Ada", "returned": False}
    assert client.get("/books/1").get_json()["available"] is False


def test_a_lent_book_cannot_be_lent_again(add_book, lend):
    add_book()
    lend(1, "Ada")
    response = lend(1, "Grace")
    assert response.status_code == 409


def test_a_returned_book_can_be_lent_again(client, add_book, lend):
    add_book()
    lend(1, "Ada")
    response = client.post("/loans/1/return")
    assert response.status_code == 200
    assert response.get_json()["returned"] is True
    assert client.get("/books/1").get_json()["available"] is True
    assert lend(1, "Grace").status_code == 201


def test_a_loan_is_returned_only_once(client, add_book, lend):
    add_book()
    lend(1, "Ada")
    client.post("/loans/1/return")
    response = client.post("/loans/1/return")
    assert response.status_code == 409


@pytest.mark.parametrize("body", [{}, {"borrower": ""}, {"borrower": "  "}, {"borrower": 7}])
def test_a_loan_needs_a_borrower(client, add_book, lend, body):
    add_book()
    response = client.post("/books/1/loans", json=body)
    assert response.status_code == 400
    assert client.get("/books/1").get_json()["available"] is True


def test_unknown_books_and_loans_are_404(client, lend):
    assert lend(1).status_code == 404
    assert client.post("/loans/1/return").status_code == 404
