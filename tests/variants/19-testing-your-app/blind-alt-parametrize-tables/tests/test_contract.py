import pytest

from app import page_args

GOOD = {"title": "Dune", "author": "Frank Herbert"}


@pytest.mark.parametrize("body, stored", [
    (GOOD, {"id": 1, "title": "Dune", "author": "Frank Herbert", "available": True}),
    ({"title": "  Dune ", "author": " Frank Herbert "}, {"id": 1, "title": "Dune", "author": "Frank Herbert", "available": True}),
])
def test_post_book_answers_and_stores(client, body, stored):
    response = client.post("/books", json=body)
    assert (response.status_code, response.headers.get("Location")) == (201, "/books/1")
    assert response.get_json() == stored
    back = client.get("/books/1")
    assert (back.status_code, back.get_json()) == (200, stored)


def test_location_follows_the_id(make_library):
    client = make_library("A", "B")
    assert client.post("/books", json=GOOD).headers["Location"] == "/books/3"
    assert client.get("/books/3").get_json()["title"] == "Dune"


BAD_VALUES = [pytest.param(v, id=repr(v)) for v in ["", " ", "   ", None, 0, 42, True, [], ["Dune"], {}]]


@pytest.mark.parametrize("field", ["title", "author"])
@pytest.mark.parametrize("value", BAD_VALUES)
def test_post_book_refuses_bad_fields(client, field, value):
    response = client.post("/books", json={**GOOD, field: value})
    assert response.status_code == 400
    assert isinstance(response.get_json()["error"], str)
    assert client.get("/books").get_json()["total"] == 0


@pytest.mark.parametrize("missing", ["title", "author"])
def test_post_book_refuses_missing_fields(client, missing):
    body = {k: v for k, v in GOOD.items() if k != missing}
    response = client.post("/books", json=body)
    assert response.status_code == 400
    assert "error" in response.get_json()
    assert client.get("/books").get_json()["total"] == 0


@pytest.mark.parametrize("kwargs", [
    {"json": [GOOD]}, {"json": "Dune"}, {"json": 3}, {"json": None},
    {"data": "Dune by Frank Herbert"}, {"data": "title=Dune&author=X", "content_type": "application/x-www-form-urlencoded"},
    {"data": "{", "content_type": "application/json"}, {},
], ids=["list", "string", "number", "null", "text", "form", "broken-json", "no-body"])
def test_post_book_refuses_bodies_that_are_not_objects(client, kwargs):
    response = client.post("/books", **kwargs)
    assert response.status_code == 400
    assert "error" in response.get_json()
    assert client.get("/books").get_json()["total"] == 0


@pytest.mark.parametrize("path", ["/books/1", "/books/2", "/books/999"])
def test_unknown_books_are_404(make_library, path):
    client = make_library() if path == "/books/1" else make_library("Dune")
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("count, query, titles, nxt", [
    (3, "", ["t1", "t2", "t3"], None),
    (3, "?per_page=2", ["t1", "t2"], "/books?page=2&per_page=2"),
    (3, "?page=2&per_page=2", ["t3"], None),
    (4, "?page=1&per_page=2", ["t1", "t2"], "/books?page=2&per_page=2"),
    (4, "?page=2&per_page=2", ["t3", "t4"], None),
    (11, "", [f"t{i}" for i in range(1, 11)], "/books?page=2&per_page=10"),
    (11, "?page=2", ["t11"], None),
    (10, "", [f"t{i}" for i in range(1, 11)], None),
    (6, "?page=2&per_page=5", ["t6"], None),
    (6, "?per_page=5", ["t1", "t2", "t3", "t4", "t5"], "/books?page=2&per_page=5"),
    (21, "?per_page=20", [f"t{i}" for i in range(1, 21)], "/books?page=2&per_page=20"),
    (21, "?per_page=21", [f"t{i}" for i in range(1, 21)], "/books?page=2&per_page=20"),
    (2, "?per_page=0", ["t1"], "/books?page=2&per_page=1"),
])
def test_the_list_a_page_at_a_time(make_library, count, query, titles, nxt):
    # titles chosen so that oldest first is not alphabetical order (t10 < t2)
    client = make_library(*[f"t{i}" for i in range(1, count + 1)])
    response = client.get(f"/books{query}")
    body = response.get_json()
    assert response.status_code == 200
    assert [b["title"] for b in body["books"]] == titles
    assert body["total"] == count
    assert body["next"] == nxt


def test_the_list_is_oldest_first_not_by_title(make_library):
    client = make_library("Zola", "Austen", "Mann")
    assert [b["title"] for b in client.get("/books").get_json()["books"]] == ["Zola", "Austen", "Mann"]


@pytest.mark.parametrize("query, expected", [
    ("", (1, 10)), ("?page=1", (1, 10)), ("?page=2", (2, 10)), ("?page=0", (1, 10)),
    ("?page=-1", (1, 10)), ("?page=-3", (1, 10)), ("?page=x", (1, 10)), ("?page=1.5", (1, 10)),
    ("?per_page=1", (1, 1)), ("?per_page=0", (1, 1)), ("?per_page=-1", (1, 1)),
    ("?per_page=19", (1, 19)), ("?per_page=20", (1, 20)), ("?per_page=21", (1, 20)),
    ("?per_page=1000", (1, 20)), ("?per_page=ten", (1, 10)), ("?page=3&per_page=7", (3, 7)),
])
def test_page_args(app, query, expected):
    with app.test_request_context("/books" + query):
        assert page_args() == expected


@pytest.mark.parametrize("borrower, stored", [("Ada", "Ada"), ("  Ada Lovelace ", "Ada Lovelace")])
def test_lending(make_library, borrower, stored):
    client = make_library("Dune")
    response = client.post("/books/1/loans", json={"borrower": borrower})
    assert response.status_code == 201
    assert response.get_json() == {"id": 1, "book_id": 1, "borrower": stored, "returned": False}
    assert client.get("/books/1").get_json()["available"] is False


@pytest.mark.parametrize("body", [{}, {"borrower": ""}, {"borrower": "   "}, {"borrower": None},
                                  {"borrower": 7}, {"borrower": ["Ada"]}, ["Ada"], "Ada"])
def test_lending_needs_a_borrower(make_library, body):
    client = make_library("Dune")
    assert client.post("/books/1/loans", json=body).status_code == 400
    assert client.get("/books/1").get_json()["available"] is True
    assert client.post("/books/1/loans", json={"borrower": "Ada"}).status_code == 201


@pytest.mark.parametrize("step, status", [
    ("lend-again", 409), ("return", 200), ("return-then-lend", 201), ("return-twice", 409),
])
def test_loan_life(make_library, step, status):
    client = make_library("Dune", lent=[1])
    lend = lambda: client.post("/books/1/loans", json={"borrower": "Grace"})  # noqa: E731
    give_back = lambda: client.post("/loans/1/return")  # noqa: E731
    if step == "lend-again":
        response = lend()
        available = False
    elif step == "return":
        response = give_back()
        assert response.get_json() == {"id": 1, "book_id": 1, "borrower": "Ada", "returned": True}
        available = True
    elif step == "return-then-lend":
        give_back()
        response = lend()
        assert response.get_json()["returned"] is False
        available = False
    else:
        give_back()
        response = give_back()
        available = True
    assert response.status_code == status
    assert client.get("/books/1").get_json()["available"] is available


def test_one_loan_does_not_lend_another_book(make_library):
    client = make_library("Dune", "Emma", lent=[2])
    assert client.get("/books/1").get_json()["available"] is True
    assert client.post("/books/1/loans", json={"borrower": "Grace"}).status_code == 201


@pytest.mark.parametrize("method, path, books", [
    ("post", "/books/1/loans", 0), ("post", "/books/2/loans", 1),
    ("post", "/loans/1/return", 0), ("post", "/loans/2/return", 1),
])
def test_unknown_targets_are_404(make_library, method, path, books):
    client = make_library(*["Dune"] * books, lent=[1] if books else [])
    assert getattr(client, method)(path, json={"borrower": "Ada"}).status_code == 404
