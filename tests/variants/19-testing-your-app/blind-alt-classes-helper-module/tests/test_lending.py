import pytest


@pytest.fixture
def shelf(lib):
    lib.add_many("Beloved", "Emma")
    return lib


class TestLending:
    def test_a_loan_answer_and_the_book_goes_out(self, shelf):
        response = shelf.lend(2, "  Grace Hopper ")
        assert response.status_code == 201
        assert response.get_json() == {"id": 1, "book_id": 2, "borrower": "Grace Hopper", "returned": False}
        assert shelf.available(2) is False
        assert shelf.available(1) is True

    def test_a_lent_book_is_refused_with_409(self, shelf):
        shelf.lend(1)
        assert shelf.lend(1, "Grace").status_code == 409
        assert shelf.available(1) is False
        assert shelf.lend(2, "Grace").status_code == 201

    @pytest.mark.parametrize("body", [{}, {"borrower": ""}, {"borrower": "    "}, {"borrower": 3},
                                      {"borrower": None}, {"borrower": False}])
    def test_a_borrower_is_required(self, shelf, body):
        response = shelf.http.post("/books/1/loans", json=body)
        assert response.status_code == 400
        assert shelf.available(1) is True
        assert shelf.lend(1).get_json()["id"] == 1

    def test_an_unknown_book_cannot_be_lent(self, shelf):
        assert shelf.lend(3).status_code == 404
        assert shelf.lend(1).get_json()["id"] == 1


class TestReturning:
    def test_return_answers_the_loan_returned(self, shelf):
        shelf.lend(1)
        response = shelf.give_back(1)
        assert response.status_code == 200
        assert response.get_json() == {"id": 1, "book_id": 1, "borrower": "Ada", "returned": True}

    def test_a_returned_book_is_back_and_can_go_out_again(self, shelf):
        shelf.lend(1)
        shelf.give_back(1)
        assert shelf.available(1) is True
        again = shelf.lend(1, "Grace")
        assert again.status_code == 201
        assert again.get_json()["id"] == 2
        assert shelf.available(1) is False
        assert shelf.give_back(2).status_code == 200

    def test_a_second_return_is_409(self, shelf):
        shelf.lend(1)
        assert shelf.give_back(1).status_code == 200
        assert shelf.give_back(1).status_code == 409
        assert shelf.available(1) is True

    def test_an_old_loan_cannot_be_returned_again_while_the_book_is_out(self, shelf):
        shelf.lend(1)
        shelf.give_back(1)
        shelf.lend(1, "Grace")
        assert shelf.give_back(1).status_code == 409
        assert shelf.available(1) is False

    def test_an_unknown_loan_is_404(self, shelf):
        assert shelf.give_back(1).status_code == 404
        shelf.lend(1)
        assert shelf.give_back(2).status_code == 404
