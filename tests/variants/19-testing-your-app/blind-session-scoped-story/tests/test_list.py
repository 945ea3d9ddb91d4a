import pytest

from app import page_args


@pytest.mark.parametrize("query, expected", [
    ("", (1, 10)), ("?page=3&per_page=5", (3, 5)), ("?per_page=20", (1, 20)),
    ("?per_page=21", (1, 20)), ("?per_page=0", (1, 1)), ("?page=0", (1, 10)),
    ("?page=two&per_page=many", (1, 10)),
])
def test_page_args(app, query, expected):
    with app.test_request_context(f"/books{query}"):
        assert page_args() == expected
