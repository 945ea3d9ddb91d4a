def test_seed(client, runner):
    assert runner.invoke(args=["seed"]).exit_code == 0
    assert client.get("/books").get_json()["total"] == 3


def test_seed_count(client, runner):
    assert runner.invoke(args=["seed", "--count", "5"]).exit_code == 0
    assert client.get("/books").get_json()["total"] == 5


def test_seed_zero(client, runner):
    assert runner.invoke(args=["seed", "--count", "0"]).exit_code == 2
    assert client.get("/books").get_json()["total"] == 0
