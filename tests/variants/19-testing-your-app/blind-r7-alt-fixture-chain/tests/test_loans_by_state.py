from conftest import book_of


class TestOnTheShelf:
    def test_is_available(self, client, book):
        assert book_of(client, book)["available"] is True

    def test_can_be_lent(self, client, book):
        response = client.post(f"/books/{book}/loans", json={"borrower": "\tAda "})
        assert response.status_code == 201
        assert response.get_json() == {"id": 1, "book_id": book, "borrower": "Ada",
                                       "returned": False}

    def test_needs_a_borrower(self, client, book, bad_borrower):
        response = client.post(f"/books/{book}/loans", json=bad_borrower)
        assert response.status_code == 400
        assert "error" in response.get_json()
        assert book_of(client, book)["available"] is True

    def test_needs_a_json_body(self, client, book):
        response = client.post(f"/books/{book}/loans", data="Ada")
        assert response.status_code == 400
        assert book_of(client, book)["available"] is True

    def test_unknown_book_cannot_be_lent(self, client, book):
        response = client.post(f"/books/{book + 1}/loans", json={"borrower": "Ada"})
        assert response.status_code == 404
        assert "error" in response.get_json()


class TestLent:
    def test_is_not_available(self, client, book, loan):
        assert book_of(client, book)["available"] is False
        assert client.get("/books").get_json()["books"][0]["available"] is False

    def test_cannot_be_lent_again(self, client, book, loan):
        response = client.post(f"/books/{book}/loans", json={"borrower": "Grace"})
        assert response.status_code == 409
        assert "error" in response.get_json()
        assert book_of(client, book)["available"] is False

    def test_other_books_stay_available(self, client, book, loan):
        client.post("/books", json={"title": "Emma", "author": "Jane Austen"})
        assert book_of(client, 2)["available"] is True
        assert client.post("/books/2/loans", json={"borrower": "Grace"}).status_code == 201

    def test_return_answers_the_loan(self, client, book, loan):
        response = client.post(f"/loans/{loan}/return")
        assert response.status_code == 200
        assert response.get_json() == {"id": loan, "book_id": book, "borrower": "Ada",
                                       "returned": True}

    def test_unknown_loan_cannot_be_returned(self, client, book, loan):
        response = client.post(f"/loans/{loan + 1}/return")
        assert response.status_code == 404
        assert "error" in response.get_json()
        assert book_of(client, book)["available"] is False


class TestReturned:
    def test_is_available_again(self, client, book, returned_loan):
        assert book_of(client, book)["available"] is True

    def test_can_be_lent_again(self, client, book, returned_loan):
        response = client.post(f"/books/{book}/loans", json={"borrower": "Grace"})
        assert response.status_code == 201
        assert response.get_json() == {"id": returned_loan + 1, "book_id": book,
                                       "borrower": "Grace", "returned": False}
        assert book_of(client, book)["available"] is False

    def test_cannot_be_returned_twice(self, client, book, returned_loan):
        response = client.post(f"/loans/{returned_loan}/return")
        assert response.status_code == 409
        assert "error" in response.get_json()
        assert book_of(client, book)["available"] is True


def test_no_loan_before_any_book(client):
    response = client.post("/loans/1/return")
    assert response.status_code == 404
