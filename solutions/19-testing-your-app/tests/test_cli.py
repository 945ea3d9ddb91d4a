"""`flask seed`, run through app.test_cli_runner(): what it prints, and what it stores."""


def test_seed_adds_the_books_it_says(client, runner):
    result = runner.invoke(args=["seed", "--count", "4"])
    assert result.exit_code == 0
    assert "Added 4 sample books." in result.output
    assert client.get("/books").get_json()["total"] == 4


def test_seed_adds_three_books_unless_told(client, runner):
    runner.invoke(args=["seed"])
    assert client.get("/books").get_json()["total"] == 3


def test_seed_refuses_a_count_below_one(client, runner):
    result = runner.invoke(args=["seed", "--count", "0"])
    assert result.exit_code == 2
    assert client.get("/books").get_json()["total"] == 0
