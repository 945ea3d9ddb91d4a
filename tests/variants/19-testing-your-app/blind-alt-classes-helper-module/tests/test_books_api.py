import pytest


class TestAddingABook:
    def test_answer_is_201_with_book_and_location(self, lib):
        response = lib.add("Beloved", "Toni Morrison")
        assert response.status_code == 201
        assert response.headers["Location"] == "/books/1"
        assert response.get_json() == {"id": 1, "title": "Beloved", "author": "Toni Morrison", "available": True}

    def test_the_location_can_be_followed(self, lib):
        lib.add("Beloved")
        location = lib.add("Emma", "Jane Austen").headers["Location"]
        assert location == "/books/2"
        followed = lib.http.get(location)
        assert followed.status_code == 200
        assert followed.get_json() == {"id": 2, "title": "Emma", "author": "Jane Austen", "available": True}

    def test_spaces_around_are_removed_in_what_is_stored(self, lib):
        lib.add("   Beloved  ", "  Toni Morrison ")
        assert lib.book(1).get_json() == {"id": 1, "title": "Beloved", "author": "Toni Morrison", "available": True}


class TestRefusingABook:
    @pytest.mark.parametrize("title, author", [
        (None, "Toni Morrison"), ("Beloved", None), ("", "Toni Morrison"), ("Beloved", ""),
        ("    ", "Toni Morrison"), ("Beloved", " "), (1987, "Toni Morrison"), ("Beloved", 5),
        (["Beloved"], "Toni Morrison"), ("Beloved", {"name": "Toni"}),
    ])
    def test_bad_title_or_author(self, lib, title, author):
        response = lib.add(title, author)
        assert response.status_code == 400
        assert "error" in response.get_json()
        assert lib.total() == 0

    @pytest.mark.parametrize("body", [{"author": "Toni Morrison"}, {"title": "Beloved"}, {}])
    def test_missing_keys(self, lib, body):
        assert lib.http.post("/books", json=body).status_code == 400
        assert lib.total() == 0

    @pytest.mark.parametrize("send", [
        dict(json=["Beloved", "Toni Morrison"]), dict(json="Beloved"), dict(data="Beloved"), dict(),
    ])
    def test_not_a_json_object(self, lib, send):
        response = lib.http.post("/books", **send)
        assert response.status_code == 400
        assert "error" in response.get_json()
        assert lib.total() == 0


class TestReadingABook:
    def test_unknown_ids(self, lib):
        assert lib.book(1).status_code == 404
        lib.add()
        assert lib.book(1).status_code == 200
        assert lib.book(2).status_code == 404
