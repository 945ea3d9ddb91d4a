import pytest
from helpers import stored_titles, titles

from app import page_args


class TestAdding:
    def test_answer(self, client):
        response = client.post("/books", json={"title": "Ulysses", "author": "Joyce"})
        assert response.status_code == 201
        assert response.location == "/books/1"
        assert response.json == {"id": 1, "title": "Ulysses", "author": "Joyce", "available": True}

    def test_what_is_stored(self, app, client):
        client.post("/books", json={"title": "Ulysses ", "author": "Joyce"})
        assert stored_titles(app) == ["Ulysses"]

    @pytest.mark.parametrize("title", ["", " ", "\t\n", 1984])
    def test_blank_titles(self, app, client, title):
        assert client.post("/books", json={"title": title, "author": "Joyce"}).status_code == 400
        assert stored_titles(app) == []

    @pytest.mark.parametrize("body", [{"title": "Ulysses"}, {"author": "Joyce"}, ["Ulysses", "Joyce"]])
    def test_incomplete_bodies(self, app, client, body):
        assert client.post("/books", json=body).status_code == 400
        assert stored_titles(app) == []

    def test_a_body_that_is_not_json(self, app, client):
        assert client.post("/books", data="Ulysses, by Joyce").status_code == 400
        assert stored_titles(app) == []

    def test_unknown(self, client):
        assert client.get("/books/1").status_code == 404


class TestListing:
    def test_order(self, client, books):
        books("Zola", "Austen", "Mann")
        assert titles(client) == ["Zola", "Austen", "Mann"]

    def test_exactly_full_pages(self, client, books):
        books("A", "B", "C", "D", "E", "F")
        assert client.get("/books?page=2&per_page=3").get_json()["next"] is None
        assert client.get("/books?page=1&per_page=3").get_json()["next"] == "/books?page=2&per_page=3"
        assert titles(client, "?page=2&per_page=3") == ["D", "E", "F"]

    @pytest.mark.parametrize("asked, given", [("25", 20), ("20", 20), ("-5", 1), ("lots", 10)])
    def test_page_size(self, app, asked, given):
        with app.test_request_context("/books", query_string={"per_page": asked}):
            assert page_args()[1] == given

    @pytest.mark.parametrize("asked, given", [("3", 3), ("0", 1), ("-2", 1), ("last", 1)])
    def test_page_number(self, app, asked, given):
        with app.test_request_context("/books", query_string={"page": asked}):
            assert page_args()[0] == given


class TestSeeding:
    def test_seed(self, app):
        result = app.test_cli_runner().invoke(args=["seed", "--count", "2"])
        assert result.output.strip() == "Added 2 sample books."
        assert stored_titles(app) == ["Sample book 1", "Sample book 2"]

    def test_zero(self, app):
        assert app.test_cli_runner().invoke(args=["seed", "--count", "0"]).exit_code == 2
        assert stored_titles(app) == []
