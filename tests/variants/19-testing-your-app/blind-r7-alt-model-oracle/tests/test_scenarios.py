"""Scenarios of requests, each answer compared with the model's, then every book re-read."""

import pytest

from shelf_model import ERROR

DUNE = {"title": "Dune", "author": "Frank Herbert"}
EMMA = {"title": " Emma\t", "author": "\nJane Austen "}

SCENARIOS = {
    "add and read back": [("add", DUNE), ("add", EMMA), ("get", 1), ("get", 2), ("get", 3)],
    "bad books": [("add", {"author": "X"}), ("add", {"title": "Dune"}),
                  ("add", {"title": "", "author": "X"}), ("add", {"title": "Dune", "author": " "}),
                  ("add", {"title": "\t\n", "author": "X"}), ("add", {"title": 42, "author": "X"}),
                  ("add", {"title": "Dune", "author": None}), ("add", ["Dune", "X"]),
                  ("add", "Dune"), ("add", 3), ("add", DUNE)],
    "lend twice then return and lend again": [
        ("add", DUNE), ("lend", 1, {"borrower": " Ada "}), ("lend", 1, {"borrower": "Grace"}),
        ("return", 1), ("return", 1), ("lend", 1, {"borrower": "Grace"}),
        ("lend", 1, {"borrower": "Ada"}), ("return", 2), ("get", 1)],
    "bad borrowers": [("add", DUNE), ("lend", 1, {}), ("lend", 1, {"borrower": ""}),
                      ("lend", 1, {"borrower": "   "}), ("lend", 1, {"borrower": "\t\n"}),
                      ("lend", 1, {"borrower": 7}), ("lend", 1, {"borrower": None}),
                      ("lend", 1, ["Ada"]), ("lend", 1, {"borrower": "Ada"})],
    "unknown ids": [("get", 1), ("lend", 1, {"borrower": "Ada"}), ("return", 1),
                    ("add", DUNE), ("get", 2), ("lend", 2, {"borrower": "Ada"}),
                    ("lend", 1, {"borrower": "Ada"}), ("return", 2), ("return", 1)],
    "two books lent apart": [("add", DUNE), ("add", EMMA), ("lend", 2, {"borrower": "Ada"}),
                             ("get", 1), ("lend", 1, {"borrower": "Bo"}), ("return", 1),
                             ("get", 1), ("get", 2), ("return", 2), ("get", 2)],
}


def send(client, step):
    kind = step[0]
    if kind == "add":
        return client.post("/books", json=step[1])
    if kind == "get":
        return client.get(f"/books/{step[1]}")
    if kind == "lend":
        return client.post(f"/books/{step[1]}/loans", json=step[2])
    return client.post(f"/loans/{step[1]}/return")


def predict(model, step):
    kind = step[0]
    if kind == "add":
        return model.add(step[1])
    if kind == "get":
        return model.get(step[1])
    if kind == "lend":
        return model.lend(step[1], step[2])
    return model.give_back(step[1])


def check(response, status, body):
    assert response.status_code == status
    if body == ERROR:
        assert isinstance(response.get_json()[ERROR], str)
    else:
        assert response.get_json() == body


@pytest.mark.parametrize("steps", SCENARIOS.values(), ids=SCENARIOS.keys())
def test_scenario(client, model, steps):
    for step in steps:
        response = send(client, step)
        status, body = predict(model, step)
        check(response, status, body)
        if step[0] == "add" and status == 201:
            assert response.headers["Location"] == f"/books/{body['id']}"
    for book_id in range(1, len(model.books) + 1):
        check(client.get(f"/books/{book_id}"), *model.get(book_id))
    check(client.get("/books?per_page=20"), *model.listing("1", "20"))


@pytest.mark.parametrize("data, ctype", [("Dune", "text/plain"), ("{oops", "application/json"),
                                         ("title=Dune&author=X", "application/x-www-form-urlencoded")])
def test_bodies_that_are_not_json(client, model, data, ctype):
    check(client.post("/books", data=data, content_type=ctype), 400, ERROR)
    client.post("/books", json=DUNE)
    check(client.post("/books/1/loans", data=data, content_type=ctype), 400, ERROR)
    assert client.get("/books").get_json()["total"] == 1
    assert client.get("/books/1").get_json()["available"] is True
