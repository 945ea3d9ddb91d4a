import pytest


def total(client):
    return client.get("/books").get_json()["total"]


def test_seed_defaults_to_three(client, runner):
    result = runner.invoke(args="seed".split())
    assert (result.exit_code, result.output) == (0, "Added 3 sample books.\n")
    assert total(client) == 3


@pytest.mark.parametrize("count", [1, 5, 21])
def test_seed_count(client, runner, count):
    result = runner.invoke(args=["seed", "--count", str(count)])
    assert result.exit_code == 0
    assert result.output.strip() == f"Added {count} sample books."
    assert total(client) == count


@pytest.mark.parametrize("count", ["0", "-2"])
def test_seed_refuses(client, runner, count):
    result = runner.invoke(args=["seed", "--count", count])
    assert result.exit_code == 2
    assert "Added" not in result.output
    assert total(client) == 0
