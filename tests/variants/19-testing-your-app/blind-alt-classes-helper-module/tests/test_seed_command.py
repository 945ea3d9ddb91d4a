import pytest


class TestSeed:
    def test_three_by_default(self, lib):
        result = lib.seed()
        assert (result.exit_code, result.output.strip()) == (0, "Added 3 sample books.")
        assert lib.total() == 3

    @pytest.mark.parametrize("count", [1, 2, 7])
    def test_as_many_as_asked(self, lib, count):
        result = lib.seed("--count", str(count))
        assert result.exit_code == 0
        assert result.output.strip() == f"Added {count} sample books."
        assert lib.total() == count
        assert all(b["available"] for b in lib.page("?per_page=20")["books"])

    @pytest.mark.parametrize("count", ["0", "-3"])
    def test_below_one_is_refused(self, lib, count):
        lib.add()
        result = lib.seed("--count", count)
        assert result.exit_code == 2
        assert lib.total() == 1
