"""A forked check process does not inherit its parent's open files under numbers it reuses."""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path

import pytest

from flaskcourse import launch
from flaskcourse.checking.learner import CODE_ENV, SHOWN_ENV

pytestmark = pytest.mark.skipif(not launch.forking(), reason="only a forking runner inherits")

CHECK = '''
import logging
import os
import sys


def test_the_files_the_check_opens_stay_its_own(tmp_path):
    files = [open(tmp_path / f"file{i}", "w") for i in range(40)]
    logging.shutdown()  # what Alembic's fileConfig() does: close every handler there is
    for file in files:
        file.write("still mine")
        file.flush()
        os.fsync(file.fileno())
'''


def test_handlers_the_parent_keeps_open_close_nothing_of_the_childs(tmp_path: Path) -> None:
    """pytest keeps a logging FileHandler on /dev/null; a parent that is a pytest process (the
    project's own tests) handed it to every check, and fileConfig() in the check closed it,
    under a number the check's own SQLite database had taken by then."""
    handlers = [logging.FileHandler(os.devnull) for _ in range(30)]
    (tmp_path / "forked_check_fds.py").write_text(CHECK)
    code = tmp_path / "code"  # the learner's folder every check run loads first
    code.mkdir()
    (code / "app.py").write_text("from flask import Flask\n\napp = Flask(__name__)\n")
    try:
        child = launch.fork([str(tmp_path / "forked_check_fds.py"), "-q", "-p", "no:cacheprovider",
                             "--import-mode=importlib", "--basetemp", str(tmp_path / "basetemp")],
                            {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path),
                             CODE_ENV: str(code), SHOWN_ENV: str(code)},
                            tmp_path, None)
        output = bytearray()
        deadline = time.monotonic() + 60
        while child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        os.set_blocking(child.output_fd, False)
        try:
            output += os.read(child.output_fd, 1 << 20)
        except BlockingIOError:
            pass
        assert child.kill() == 0, output.decode(errors="replace")
    finally:
        for handler in handlers:
            handler.close()


def test_the_parent_has_freezegun_look_at_its_modules_once() -> None:
    """So that a check moving the clock does not search a thousand modules in every run."""
    launch.warm(("freezegun",))
    from freezegun import api

    assert {"flask.app", "werkzeug.http", "flaskcourse.checking.plugin"} <= set(api._GLOBAL_MODULES_CACHE)


def test_a_freeze_in_a_fork_trusts_the_parents_unchanged_modules(monkeypatch) -> None:
    """A module the parent held is not listed again at each freeze while it holds as many
    names; one that gained a name is, and a real datetime bound to that name is frozen too."""
    import datetime
    import types

    from freezegun import api, freeze_time

    monkeypatch.setattr(api, "_get_module_attributes_hash", api._get_module_attributes_hash)
    monkeypatch.setattr(launch, "_parents_modules", {})
    kept = types.ModuleType("kept_by_the_parent")
    kept.now = datetime.datetime
    grows = types.ModuleType("grows_after_the_fork")
    monkeypatch.setitem(sys.modules, kept.__name__, kept)
    monkeypatch.setitem(sys.modules, grows.__name__, grows)
    launch.warm(("freezegun",))
    listed: list[str] = []
    real = api._get_module_attributes_hash.real
    monkeypatch.setattr(api._get_module_attributes_hash, "real",
                        lambda module: listed.append(module.__name__) or real(module))

    grows.later = datetime.datetime
    freezer = freeze_time("2020-01-02")
    freezer.start()
    try:
        assert kept.now.now().year == 2020 and grows.later.now().year == 2020
    finally:
        freezer.stop()
    assert grows.__name__ in listed and kept.__name__ not in listed
    assert "flask.app" not in listed


def test_the_parent_looks_up_werkzeugs_version_for_every_test_client() -> None:
    """Flask looks it up in the packages' metadata once per process: in the parent, not in
    every forked run."""
    import importlib.metadata

    import flask.testing

    launch.warm()
    assert flask.testing._werkzeug_version == importlib.metadata.version("werkzeug")
