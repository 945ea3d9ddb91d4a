"""The environment children inherit drops what would make their output differ in CI."""

import re
import subprocess
import sys

import pytest

from flaskcourse.childenv import inherited_env


def test_variables_that_steer_tools_are_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in {"CI": "true", "BUILD_NUMBER": "7", "PYTEST_ADDOPTS": "-x", "FLASK_APP": "x",
                        "FLASKCOURSE_HOME": "/x", "COLUMNS": "200", "PYTHONPATH": "/x",
                        "FORCE_COLOR": "1", "KEEP_ME": "yes"}.items():
        monkeypatch.setenv(name, value)
    env = inherited_env()
    assert env["KEEP_ME"] == "yes"
    assert not {"CI", "BUILD_NUMBER", "PYTEST_ADDOPTS", "FLASK_APP", "FLASKCOURSE_HOME", "COLUMNS",
                "PYTHONPATH", "FORCE_COLOR"} & env.keys()


def test_pytest_report_is_the_same_under_ci(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The reason for the list: pytest prints more of a failure when it believes it runs in CI,
    so a lesson's shown pytest output would stop matching in a CI job."""
    (tmp_path / "test_x.py").write_text("def test_x():\n    x = [1] * 30\n    assert x == [2] * 30\n")

    def summary() -> str:
        done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
                              cwd=tmp_path, env=inherited_env(), capture_output=True, text=True)
        summary = done.stdout.split("short test summary info")[-1]
        return re.sub(r" in [\d.]+s", "", summary)  # the time it took may differ

    quiet = summary()
    monkeypatch.setenv("CI", "true")
    assert summary() == quiet
