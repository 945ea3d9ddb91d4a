import pytest


def test_lend(add_book, lend):
    add_book()
    assert lend(1).status_code == 201


def test_lend_twice(add_book, lend):
    add_book()
    lend(1)
    assert lend(1, "Grace").status_code == 409


def test_return_and_lend_again(client, add_book, lend):
    add_book()
    lend(1)
    assert client.post("/loans/1/return").status_code == 200
    assert lend(1, "Grace").status_code == 201


def test_return_twice(client, add_book, lend):
    add_book()
    lend(1)
    client.post("/loans/1/return")
    assert client.post("/loans/1/return").status_code == 409


@pytest.mark.parametrize("body", [{}, {"borrower": ""}, {"borrower": "   "}, {"borrower": 7}, {"borrower": None}])
def test_bad_borrower(client, add_book, lend, body):
    add_book()
    assert client.post("/books/1/loans", json=body).status_code == 400
    assert lend(1).status_code == 201


def test_unknown(client, lend):
    assert lend(1).status_code == 404
    assert client.post("/loans/1/return").status_code == 404
