import pytest


def lend(client, book_id, borrower="Ada"):
    return client.post(f"/books/{book_id}/loans", json={"borrower": borrower})


def test_lend(client, new_book):
    new_book()
    response = lend(client, 1, "  Ada\t")
    assert response.status_code == 201
    assert response.get_json() == {"id": 1, "book_id": 1, "borrower": "Ada", "returned": False}
    assert client.get("/books/1").get_json()["available"] is False
    assert client.get("/books").get_json()["books"][0]["available"] is False


def test_lending_one_book_leaves_the_other_on_the_shelf(client, new_book):
    new_book()
    new_book(title="Emma")
    lend(client, 2)
    assert client.get("/books/1").get_json()["available"] is True
    assert lend(client, 1).status_code == 201


def test_lend_twice_is_409(client, new_book):
    new_book()
    lend(client, 1, "Ada")
    response = lend(client, 1, "Grace")
    assert response.status_code == 409
    assert "error" in response.get_json()
    assert client.get("/books/1").get_json()["available"] is False


@pytest.mark.parametrize("body", [{}, {"who": "Ada"}, {"borrower": ""}, {"borrower": " \t\n"},
                                  {"borrower": 7}, {"borrower": None}, ["Ada"]])
def test_lend_without_a_borrower_is_400(client, new_book, body):
    new_book()
    response = client.post("/books/1/loans", json=body)
    assert response.status_code == 400
    assert "error" in response.get_json()
    assert client.get("/books/1").get_json()["available"] is True


def test_lend_with_a_text_body_is_400(client, new_book):
    new_book()
    response = client.post("/books/1/loans", data="Ada", content_type="text/plain")
    assert response.status_code == 400


def test_lend_unknown_book_is_404(client, new_book):
    new_book()
    response = lend(client, 2)
    assert response.status_code == 404
    assert "error" in response.get_json()


def test_return(client, new_book):
    new_book()
    lend(client, 1, "Ada")
    response = client.post("/loans/1/return")
    assert response.status_code == 200
    assert response.get_json() == {"id": 1, "book_id": 1, "borrower": "Ada", "returned": True}
    assert client.get("/books/1").get_json()["available"] is True


def test_lend_after_return(client, new_book):
    new_book()
    lend(client, 1, "Ada")
    client.post("/loans/1/return")
    response = lend(client, 1, "Grace")
    assert response.status_code == 201
    assert response.get_json() == {"id": 2, "book_id": 1, "borrower": "Grace", "returned": False}
    assert client.get("/books/1").get_json()["available"] is False


def test_return_twice_is_409(client, new_book):
    new_book()
    lend(client, 1)
    client.post("/loans/1/return")
    response = client.post("/loans/1/return")
    assert response.status_code == 409
    assert "error" in response.get_json()


def test_return_unknown_loan_is_404(client, new_book):
    new_book()
    lend(client, 1)
    response = client.post("/loans/2/return")
    assert response.status_code == 404
    assert "error" in response.get_json()
    assert client.get("/books/1").get_json()["available"] is False
