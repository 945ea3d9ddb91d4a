import pytest

from app import page_args


def test_list(client, add_book):
    add_book()
    add_book()
    response = client.get("/books")
    assert response.status_code == 200
    assert response.get_json()["total"] == 2


def test_list_second_page(client, add_book):
    for _ in range(3):
        add_book()
    assert client.get("/books?page=2&per_page=2").status_code == 200


@pytest.mark.parametrize("query, expected", [
    ("", (1, 10)), ("?page=3&per_page=5", (3, 5)), ("?per_page=20", (1, 20)),
    ("?per_page=21", (1, 20)), ("?per_page=0", (1, 1)), ("?per_page=1", (1, 1)),
    ("?page=0", (1, 10)), ("?page=-3&per_page=lots", (1, 10)),
])
def test_page_args(app, query, expected):
    with app.test_request_context(f"/books{query}"):
        assert page_args() == expected
