import pytest


@pytest.mark.parametrize("args, added", [(["seed"], 3), (["seed", "--count", "1"], 1), (["seed", "--count", "5"], 5)])
def test_seed_adds(app, client, args, added):
    result = app.test_cli_runner().invoke(args=args)
    assert result.exit_code == 0
    assert f"Added {added} sample books." in result.output
    assert client.get("/books").get_json()["total"] == added


@pytest.mark.parametrize("count", ["0", "-1", "-10"])
def test_seed_refuses(app, client, count):
    result = app.test_cli_runner().invoke(args=["seed", "--count", count])
    assert result.exit_code == 2
    assert client.get("/books").get_json()["total"] == 0


def test_seed_adds_to_what_is_there(app, client):
    client.post("/books", json={"title": "Dune", "author": "Frank Herbert"})
    app.test_cli_runner().invoke(args=["seed", "--count", "2"])
    body = client.get("/books").get_json()
    assert body["total"] == 3
    assert body["books"][0]["title"] == "Dune"
