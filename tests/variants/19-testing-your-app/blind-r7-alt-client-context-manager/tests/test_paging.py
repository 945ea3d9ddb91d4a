import pytest

from app import page_args


def fill(client, count):
    for number in range(count):
        client.post("/books", json={"title": f"T{count - number}", "author": "A"})


def test_default_page(client):
    fill(client, 3)
    response = client.get("/books")
    assert response.status_code == 200
    body = response.get_json()
    assert [b["title"] for b in body["books"]] == ["T3", "T2", "T1"]
    assert [b["id"] for b in body["books"]] == [1, 2, 3]
    assert all(b["available"] is True and b["author"] == "A" for b in body["books"])
    assert {k: body[k] for k in ("page", "per_page", "total", "next")} == {
        "page": 1, "per_page": 10, "total": 3, "next": None}


def test_empty_library(client):
    assert client.get("/books").get_json() == {"books": [], "page": 1, "per_page": 10,
                                               "total": 0, "next": None}


def test_walk_pages_by_following_next(client):
    fill(client, 5)
    seen, path, nexts = [], "/books?per_page=2", []
    while path is not None:
        body = client.get(path).get_json()
        seen += [b["id"] for b in body["books"]]
        path = body["next"]
        nexts.append(path)
    assert seen == [1, 2, 3, 4, 5]
    assert nexts == ["/books?page=2&per_page=2", "/books?page=3&per_page=2", None]


def test_exactly_full_last_page(client):
    fill(client, 4)
    body = client.get("/books", query_string={"page": 2, "per_page": 2}).get_json()
    assert [b["id"] for b in body["books"]] == [3, 4]
    assert body["next"] is None
    assert body["total"] == 4
    assert client.get("/books", query_string={"page": 1, "per_page": 2}).get_json()["next"] \
        == "/books?page=2&per_page=2"


def test_list_reads_its_query_through_page_args(client):
    fill(client, 21)
    body = client.get("/books", query_string={"per_page": 50}).get_json()
    assert (body["per_page"], len(body["books"]), body["total"]) == (20, 20, 21)
    assert body["next"] == "/books?page=2&per_page=20"


@pytest.mark.parametrize("args, expected", [
    ({}, (1, 10)),
    ({"page": "2", "per_page": "5"}, (2, 5)),
    ({"page": "1"}, (1, 10)),
    ({"page": "0"}, (1, 10)),
    ({"page": "-3"}, (1, 10)),
    ({"page": "x"}, (1, 10)),
    ({"page": "2.5"}, (1, 10)),
    ({"per_page": "1"}, (1, 1)),
    ({"per_page": "0"}, (1, 1)),
    ({"per_page": "-4"}, (1, 1)),
    ({"per_page": "20"}, (1, 20)),
    ({"per_page": "21"}, (1, 20)),
    ({"per_page": "lots"}, (1, 10)),
    ({"per_page": ""}, (1, 10)),
])
def test_page_args(app, args, expected):
    with app.test_request_context("/books", query_string=args):
        assert page_args() == expected
