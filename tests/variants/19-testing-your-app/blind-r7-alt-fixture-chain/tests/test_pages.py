import pytest

from app import page_args


@pytest.fixture
def shelf(runner):
    """fill(n): n sample books via the seed command (Sample book 1..n)."""
    def fill(count):
        assert runner.invoke(args=["seed", "--count", str(count)]).exit_code == 0
    return fill


def ids(response):
    return [book["id"] for book in response.get_json()["books"]]


class TestListing:
    def test_first_page_defaults(self, client):
        client.post("/books", json={"title": "Zola", "author": "Z"})
        client.post("/books", json={"title": "Austen", "author": "A"})
        client.post("/books", json={"title": "Moby", "author": "M"})
        response = client.get("/books")
        assert response.status_code == 200
        assert response.get_json() == {
            "books": [
                {"id": 1, "title": "Zola", "author": "Z", "available": True},
                {"id": 2, "title": "Austen", "author": "A", "available": True},
                {"id": 3, "title": "Moby", "author": "M", "available": True},
            ],
            "page": 1, "per_page": 10, "total": 3, "next": None,
        }

    @pytest.mark.parametrize("count, query, expected_ids, expected_next", [
        (5, "page=1&per_page=2", [1, 2], "/books?page=2&per_page=2"),
        (5, "page=2&per_page=2", [3, 4], "/books?page=3&per_page=2"),
        (5, "page=3&per_page=2", [5], None),
        (4, "page=2&per_page=2", [3, 4], None),
        (4, "page=1&per_page=2", [1, 2], "/books?page=2&per_page=2"),
        (4, "page=3&per_page=2", [], None),
        (11, "", list(range(1, 11)), "/books?page=2&per_page=10"),
        (10, "", list(range(1, 11)), None),
        (21, "per_page=21", list(range(1, 21)), "/books?page=2&per_page=20"),
        (21, "per_page=20&page=2", [21], None),
        (3, "per_page=0", [1], "/books?page=2&per_page=1"),
        (3, "page=0&per_page=1", [1], "/books?page=2&per_page=1"),
    ])
    def test_page(self, client, shelf, count, query, expected_ids, expected_next):
        shelf(count)
        response = client.get(f"/books?{query}")
        body = response.get_json()
        assert ids(response) == expected_ids
        assert body["next"] == expected_next
        assert body["total"] == count


class TestPageArgs:
    @pytest.mark.parametrize("query, expected", [
        ("", (1, 10)), ("?page=4", (4, 10)), ("?per_page=7", (1, 7)),
        ("?page=1&per_page=1", (1, 1)), ("?page=0&per_page=0", (1, 1)),
        ("?page=-3&per_page=-3", (1, 1)), ("?per_page=20", (1, 20)),
        ("?per_page=21", (1, 20)), ("?per_page=1000", (1, 20)),
        ("?page=abc&per_page=xyz", (1, 10)), ("?page=3.0&per_page=4.5", (1, 10)),
        ("?page=&per_page=", (1, 10)),
    ])
    def test_bounds(self, app, query, expected):
        with app.test_request_context(f"/books{query}"):
            assert page_args() == expected
