"""Assertion rewriting done once in the forking process, and taken by pytest in the child."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from _pytest.assertion import rewrite

from flaskcourse.checking import rewrites

TEST = "def test_sum():\n    total = 1 + 1\n    assert total == 3\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    checks = tmp_path / "checks"
    checks.mkdir()
    (checks / "test_a.py").write_text(TEST)
    (checks / "conftest.py").write_text("import pytest\n")
    (checks / "test_broken.py").write_text("def test_(:\n")
    return checks


@pytest.fixture
def restored(monkeypatch: pytest.MonkeyPatch) -> None:
    """``reuse`` replaces pytest's function for this process: put it back afterwards."""
    monkeypatch.setattr(rewrite, "_rewrite_test", rewrite._rewrite_test)


def test_every_module_that_parses_is_rewritten(folder: Path) -> None:
    done = rewrites.rewrite_folder(folder)
    assert sorted(done) == ["conftest.py", "test_a.py"]  # pytest reports the broken one itself
    namespace: dict[str, object] = {}
    exec(done["test_a.py"][1], namespace)
    with pytest.raises(AssertionError, match="assert 2 == 3"):  # rewritten: it shows the values
        namespace["test_sum"]()  # type: ignore[operator]


def test_pytest_takes_the_rewrite_of_an_unchanged_file_only(folder: Path, restored: None) -> None:
    done = rewrites.rewrite_folder(folder)
    rewrites.reuse(folder, done)
    assert rewrite._rewrite_test(folder / "test_a.py", None)[1] is done["test_a.py"][1]
    (folder / "conftest.py").write_text("import os\n")
    fresh = rewrite._rewrite_test(folder / "conftest.py", None)[1]
    assert fresh is not done["conftest.py"][1] and "os" in fresh.co_names


def test_a_copy_of_the_folder_gets_the_code_under_its_own_path(folder: Path, tmp_path: Path,
                                                              restored: None) -> None:
    done = rewrites.rewrite_folder(folder)
    copy = tmp_path / "copy"
    shutil.copytree(folder, copy)
    rewrites.reuse(copy, done)
    code = rewrite._rewrite_test(copy / "test_a.py", None)[1]
    inner = next(c for c in code.co_consts if hasattr(c, "co_filename"))
    assert code.co_filename == inner.co_filename == str(copy / "test_a.py")


def test_the_kept_rewrite_lasts_until_a_file_changes(folder: Path) -> None:
    first = rewrites.rewrite_kept(folder)
    assert rewrites.rewrite_kept(folder) is first
    (folder / "test_a.py").write_text(TEST + "\n")
    os.utime(folder / "test_a.py", ns=(1, 1))
    assert rewrites.rewrite_kept(folder) is not first
