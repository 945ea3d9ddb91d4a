from conftest import book_of


class TestAddingBooks:
    def test_answer(self, client):
        response = client.post("/books", json={"title": "Dune", "author": "Frank Herbert"})
        assert response.status_code == 201
        assert response.get_json() == {"id": 1, "title": "Dune", "author": "Frank Herbert",
                                       "available": True}
        assert response.headers["Location"] == "/books/1"

    def test_next_book(self, client, book):
        response = client.post("/books", json={"title": "Emma", "author": "Jane Austen"})
        assert response.get_json()["id"] == 2
        assert response.headers["Location"] == "/books/2"
        assert book_of(client, 2)["title"] == "Emma"
        assert book_of(client, book)["title"] == "Dune"

    def test_stored_trimmed(self, client):
        client.post("/books", json={"title": "  Dune\n", "author": "\tFrank Herbert  "})
        response = client.get("/books/1")
        assert response.status_code == 200
        assert response.get_json() == {"id": 1, "title": "Dune", "author": "Frank Herbert",
                                       "available": True}

    def test_refused(self, client, bad_book):
        response = client.post("/books", json=bad_book)
        assert response.status_code == 400
        assert "error" in response.get_json()
        assert client.get("/books").get_json()["total"] == 0

    def test_refused_plain_text(self, client):
        response = client.post("/books", data='{"title": "Dune", "author": "X"}',
                               headers={"Content-Type": "text/plain"})
        assert response.status_code == 400
        assert "error" in response.get_json()
        assert client.get("/books").get_json()["total"] == 0


class TestReadingBooks:
    def test_unknown(self, client, book):
        response = client.get(f"/books/{book + 1}")
        assert response.status_code == 404
        assert "error" in response.get_json()

    def test_none_yet(self, client):
        assert client.get("/books/1").status_code == 404
