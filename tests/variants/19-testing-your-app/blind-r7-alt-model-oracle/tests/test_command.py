"""flask seed through app.test_cli_runner(): the printed line and the stored books."""

import pytest


@pytest.mark.parametrize("args, added", [([], 3), (["--count", "1"], 1), (["--count", "4"], 4),
                                         (["--count=12"], 12)])
def test_seed_stores_what_it_prints(client, runner, args, added):
    result = runner.invoke(args=["seed", *args])
    assert result.exit_code == 0
    assert result.output == f"Added {added} sample books.\n"
    listing = client.get("/books?per_page=20").get_json()
    assert listing["total"] == added
    assert [book["id"] for book in listing["books"]] == list(range(1, added + 1))
    assert all(book["available"] for book in listing["books"])


@pytest.mark.parametrize("count", ["0", "-1", "-50"])
def test_seed_below_one_is_refused(client, runner, count):
    result = runner.invoke(args=["seed", "--count", count])
    assert result.exit_code == 2
    assert client.get("/books").get_json()["total"] == 0


def test_seed_twice_adds_up(client, runner):
    runner.invoke(args=["seed"])
    runner.invoke(args=["seed", "--count", "2"])
    assert client.get("/books").get_json()["total"] == 5
