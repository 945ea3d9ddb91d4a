import pytest


def listed(client):
    return client.get("/books?per_page=20").get_json()


class TestSeed:
    def test_default(self, client, runner):
        result = runner.invoke(args=["seed"])
        assert result.exit_code == 0
        assert result.output == "Added 3 sample books.\n"
        assert listed(client)["total"] == 3

    @pytest.mark.parametrize("count", [1, 2, 7])
    def test_count(self, client, runner, count):
        result = runner.invoke(args=["seed", "--count", str(count)])
        assert (result.exit_code, result.output) == (0, f"Added {count} sample books.\n")
        body = listed(client)
        assert body["total"] == count
        assert len(body["books"]) == count

    @pytest.mark.parametrize("count", ["0", "-1"])
    def test_refused(self, client, runner, count):
        result = runner.invoke(args=["seed", "--count", count])
        assert result.exit_code == 2
        assert listed(client)["total"] == 0

    def test_added_to_existing_books(self, client, runner):
        client.post("/books", json={"title": "Dune", "author": "Frank Herbert"})
        runner.invoke(args=["seed", "--count", "2"])
        body = listed(client)
        assert body["total"] == 3
        assert body["books"][0]["title"] == "Dune"
