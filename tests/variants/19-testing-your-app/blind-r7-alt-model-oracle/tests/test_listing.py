"""GET /books against the model, on a grid of sizes; page_args() on its own in a request."""

import itertools

import pytest

from app import page_args
from shelf_model import ShelfModel, expected_page_args

GRID = [(n, per_page) for n in (0, 1, 3, 4, 5, 21) for per_page in (None, "1", "2", "3")] + [
    (21, "20"), (21, "21"), (21, "0"), (4, "junk")]


@pytest.mark.parametrize("count, per_page", GRID)
def test_every_page_matches_the_model(client, count, per_page):
    model = ShelfModel()
    for number in range(count):
        body = {"title": f"Book {count - number}", "author": "Anon"}
        model.add(body)
        client.post("/books", json=body)
    query = "" if per_page is None else f"per_page={per_page}"
    page = 1
    while True:
        response = client.get(f"/books?page={page}&{query}")
        status, expected = model.listing(str(page), per_page)
        assert response.status_code == status
        assert response.get_json() == expected
        if expected["next"] is None:
            break
        assert client.get(expected["next"]).get_json() == model.listing(str(page + 1), per_page)[1]
        page += 1
    assert page == max(1, -(-count // expected["per_page"]))


PAGE = [None, "", "1", "2", "7", "0", "-1", "-3", "two", "1.5"]
PER_PAGE = [None, "", "1", "5", "19", "20", "21", "50", "0", "-2", "lots", "2.0"]


@pytest.mark.parametrize("page, per_page", list(itertools.product(PAGE, PER_PAGE)))
def test_page_args_matches_the_rule(app, page, per_page):
    query = {k: v for k, v in (("page", page), ("per_page", per_page)) if v is not None}
    with app.test_request_context("/books", query_string=query):
        assert page_args() == expected_page_args(page, per_page)
