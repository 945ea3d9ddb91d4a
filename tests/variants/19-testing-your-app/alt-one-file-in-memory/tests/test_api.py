"""Every rule of the library's contract as a table: one test body, many rows."""

import pytest

from app import create_app, page_args

BOOK = {"title": "Dune", "author": "Frank Herbert"}


@pytest.fixture
def app():
    # sqlite:// is a database in memory: gone with the app, so each test starts empty.
    return create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def lent(client):
    """A client whose library holds book 1, lent to Ada as loan 1."""
    client.post("/books", json=BOOK)
    client.post("/books/1/loans", json={"borrower": "Ada"})
    return client


def test_new_book(client):
    response = client.post("/books", json=BOOK)
    assert (response.status_code, response.headers.get("Location")) == (201, "/books/1")
    assert response.get_json() == {"id": 1, **BOOK, "available": True}
    assert client.get("/books/1").get_json() == response.get_json()


def test_fields_are_stored_trimmed(client):
    client.post("/books", json={"title": "  Dune\t", "author": " Frank Herbert "})
    assert client.get("/books/1").get_json() == {"id": 1, **BOOK, "available": True}


@pytest.mark.parametrize("method, path", [("get", "/books/5"), ("post", "/loans/5/return")])
def test_unknown_ids(client, method, path):
    assert getattr(client, method)(path).status_code == 404


def test_lending_an_unknown_book(client):
    assert client.post("/books/5/loans", json={"borrower": "Ada"}).status_code == 404


@pytest.mark.parametrize("field", ["title", "author"])
@pytest.mark.parametrize("value", [None, "", "    ", 12, ["Dune"]])
def test_bad_book_fields(client, field, value):
    assert client.post("/books", json={**BOOK, field: value}).status_code == 400
    assert client.get("/books").get_json()["total"] == 0


@pytest.mark.parametrize("body", [
    {"json": {"title": "Dune"}}, {"json": {"author": "Frank Herbert"}}, {"json": ["Dune"]},
    {"data": "Dune, by Frank Herbert"},
])
def test_bad_bodies(client, body):
    assert client.post("/books", **body).status_code == 400
    assert client.get("/books").get_json()["total"] == 0


SHELF = ["Zola", "Austen", "Mann", "Eco"]  # added in this order, which is not the alphabet's


@pytest.mark.parametrize("count, query, titles, next_page", [
    (3, "", ["Zola", "Austen", "Mann"], None),
    (3, "?per_page=2", ["Zola", "Austen"], "/books?page=2&per_page=2"),
    (3, "?page=2&per_page=2", ["Mann"], None),
    (4, "?page=2&per_page=2", ["Mann", "Eco"], None),
    (4, "?page=3&per_page=2", [], None),
])
def test_pages(client, count, query, titles, next_page):
    for title in SHELF[:count]:
        client.post("/books", json={"title": title, "author": "Anon"})
    body = client.get(f"/books{query}").get_json()
    assert [b["title"] for b in body["books"]] == titles
    assert (body["total"], body["next"]) == (count, next_page)


@pytest.mark.parametrize("query, expected", [
    ("per_page=20", (1, 20)), ("per_page=21", (1, 20)), ("per_page=1000", (1, 20)),
    ("per_page=1", (1, 1)), ("per_page=0", (1, 1)), ("page=4&per_page=3", (4, 3)),
    ("page=-1", (1, 10)), ("page=x", (1, 10)), ("per_page=lots", (1, 10)),
])
def test_page_args(app, query, expected):
    with app.test_request_context(f"/books?{query}"):
        assert page_args() == expected


def test_new_loan(client):
    client.post("/books", json=BOOK)
    response = client.post("/books/1/loans", json={"borrower": " Ada "})
    assert response.status_code == 201
    assert response.get_json() == {"id": 1, "book_id": 1, "borrower": "Ada", "returned": False}


def test_second_loan_is_refused(lent):
    assert lent.post("/books/1/loans", json={"borrower": "Grace"}).status_code == 409
    assert lent.get("/books/1").get_json()["available"] is False


def test_return_frees_the_book(lent):
    response = lent.post("/loans/1/return")
    assert response.status_code == 200 and response.get_json()["returned"] is True
    assert lent.post("/books/1/loans", json={"borrower": "Grace"}).status_code == 201


def test_second_return_is_refused(lent):
    lent.post("/loans/1/return")
    assert lent.post("/loans/1/return").status_code == 409


@pytest.mark.parametrize("body", [{}, {"borrower": ""}, {"borrower": " \t "}, {"borrower": 1}])
def test_bad_borrowers(client, body):
    client.post("/books", json=BOOK)
    assert client.post("/books/1/loans", json=body).status_code == 400


@pytest.mark.parametrize("args, stored", [([], 3), (["--count", "7"], 7), (["--count", "1"], 1)])
def test_seed(app, client, args, stored):
    result = app.test_cli_runner().invoke(args=["seed", *args])
    assert result.exit_code == 0
    assert client.get("/books").get_json()["total"] == stored


@pytest.mark.parametrize("count", ["0", "-2"])
def test_seed_refuses(app, client, count):
    assert app.test_cli_runner().invoke(args=["seed", "--count", count]).exit_code == 2
    assert client.get("/books").get_json()["total"] == 0
