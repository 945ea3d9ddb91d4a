"""Where the browser tests cannot run, they are skipped with one line that says why: never
silently, and never as a failure of the course."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.conftest import cached_socketio_client, missing_browser
from tests.conftest import REPO

BROWSER_TESTS = sorted(str(path) for path in Path(__file__).parent.glob("test_*_in_browser.py"))


def test_without_playwright_the_reason_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "playwright.sync_api", None)
    assert missing_browser() == ("Playwright is not installed: browser tests need the test "
                                 "extra (pip install -e '.[test]')")


def test_without_chromium_the_reason_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("playwright.sync_api")
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert missing_browser() == ("Chromium is not installed: browser tests need Debian's "
                                 "chromium package")


def test_without_the_socketio_client_the_reason_says_how_to_fetch_it(tmp_path: Path) -> None:
    with pytest.raises(pytest.skip.Exception) as skipped:
        cached_socketio_client(tmp_path)
    assert str(skipped.value) == (
        f"socket.io-client 4.7.5 is not in {tmp_path}: the chat page needs it "
        f"(npm pack socket.io-client@4.7.5 --pack-destination {tmp_path})")


@pytest.mark.slow
def test_without_chromium_the_browser_tests_skip_in_one_line(tmp_path: Path) -> None:
    env = {**os.environ, "PATH": str(Path(sys.executable).parent)}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", f"--basetemp={tmp_path}",
         *BROWSER_TESTS], cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    said = [line for line in result.stdout.splitlines() if "SKIPPED" in line]
    assert len(said) == 1, result.stdout
    assert said[0].endswith("Chromium is not installed: browser tests need Debian's "
                            "chromium package"), said
