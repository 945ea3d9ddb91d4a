"""Pieces of the checking package tested on their own."""

from __future__ import annotations

import subprocess
import sys

import pytest

from flaskcourse.checking.expect import names_word
from flaskcourse.checking.html import Page

CHEAP = """
from werkzeug.security import check_password_hash, generate_password_hash
from flaskcourse.checking import cheap_hashing
cheap_hashing.install()
cheap_hashing.install()
stored = generate_password_hash("correct horse")
assert stored.startswith("scrypt:128:8:1$"), stored
assert check_password_hash(stored, "correct horse")
assert not check_password_hash(stored, "wrong")
assert generate_password_hash("x", method="pbkdf2").startswith("pbkdf2:sha256:10$")
assert generate_password_hash("x", method="pbkdf2:sha512").startswith("pbkdf2:sha512:10$")
assert generate_password_hash("x", method="pbkdf2:sha256:1000").startswith("pbkdf2:sha256:1000$")
assert generate_password_hash("x", method="scrypt:1024:8:1").startswith("scrypt:1024:8:1$")
"""


def test_password_hashing_is_cheap_in_the_checks_process_and_still_verifies() -> None:
    done = subprocess.run([sys.executable, "-c", CHEAP], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_names_word_wants_a_whole_word() -> None:
    assert names_word('{"error": "b is required"}', "b")
    assert names_word('{"field": "b"}', "b")
    assert not names_word('{"error": "Bad Request"}', "b")
    assert not names_word("<p>abc</p>", "b")


def test_page_reads_text_fields_and_live_code() -> None:
    page = Page('<form method="post"><input name="email" value="a&amp;b">'
                '<textarea name="bio">hi</textarea></form><p>Hello <b>Ada</b></p>'
                '<script>alert(1)</script><img src=x onerror="alert(2)">'
                '<p>&lt;script&gt;</p><style>p{}</style>')
    assert page.fields == {"email": "a&b", "bio": "hi"}
    assert page.text == "Hello Ada <script>"
    assert page.live_code("alert(") == ["<script>alert(1)</script>", "<img onerror='alert(2)'>"]
    assert page.forms == [{"method": "post"}]


def test_events_from_a_copy_the_learners_code_forked_are_dropped(monkeypatch) -> None:
    import os

    from flaskcourse.checking.events import FD_ENV, EventWriter, decode

    read, write = os.pipe()
    monkeypatch.setenv(FD_ENV, str(write))
    writer = EventWriter()
    writer.emit("first")
    pid = os.fork()
    if pid == 0:
        writer.emit("from the copy")
        os._exit(0)
    os.waitpid(pid, 0)
    writer.emit("last")
    os.close(write)
    lines = os.read(read, 4096).splitlines()
    os.close(read)
    assert [decode(line)["event"] for line in lines] == ["first", "last"]


@pytest.fixture
def looked(tmp_path, monkeypatch) -> list[str]:
    """tmp_path as the learner's folder; the files a purge asks about are listed here."""
    from flaskcourse.checking import learner

    monkeypatch.setenv(learner.CODE_ENV, str(tmp_path))
    monkeypatch.delenv(learner.SOURCES_ENV, raising=False)
    monkeypatch.setattr(sys, "path", list(sys.path))
    asked: list[str] = []
    real = learner.is_learner_file
    monkeypatch.setattr(learner, "is_learner_file", lambda f: asked.append(f) or real(f))
    return asked


def test_each_import_of_the_app_is_fresh_and_leaves_libraries_loaded(tmp_path, looked) -> None:
    """The learner's modules go before every import of app.py; the thousand-odd library modules
    a warm process holds stay (how few of them a purge looks at: the tests below)."""
    import json

    from flaskcourse.checking import learner

    (tmp_path / "app.py").write_text("import helper\nVALUE = helper.VALUE\n")
    (tmp_path / "helper.py").write_text("VALUE = 1\n")
    try:
        first = learner.import_entry_module()
        assert first.VALUE == 1
        (tmp_path / "helper.py").write_text("VALUE = 22  # changed\n")
        second = learner.import_entry_module()
        assert second is not first and second.VALUE == 22
        assert sys.modules["json"] is json
        assert "helper" not in learner._not_learners and "app" not in learner._not_learners
    finally:
        for name in ("app", "helper"):
            sys.modules.pop(name, None)


def test_a_purge_looks_only_at_modules_imported_since_the_last(tmp_path, looked) -> None:
    """After its first look at every module, a purge looks at the imports made since, and at
    every module again only when some got into sys.modules without an import: a learner's
    module put there by hand still goes."""
    import types

    from flaskcourse.checking import learner

    (tmp_path / "app.py").write_text("import helper\n")
    (tmp_path / "helper.py").write_text("VALUE = 1\n")
    try:
        learner.import_entry_module()
        looked.clear()
        learner.import_entry_module()
        assert sorted(looked) == sorted(str(tmp_path / f) for f in ("app.py", "helper.py"))

        by_hand = types.ModuleType("by_hand")
        by_hand.__file__ = str(tmp_path / "by_hand.py")
        sys.modules["by_hand"] = by_hand
        looked.clear()
        learner.import_entry_module()
        assert "by_hand" not in sys.modules
        assert str(tmp_path / "by_hand.py") in looked

        sys.meta_path.remove(learner._watch)
        learner.import_entry_module()
        assert learner._watch in sys.meta_path
    finally:
        for name in ("app", "helper", "by_hand"):
            sys.modules.pop(name, None)


def test_a_forked_check_process_looks_only_at_what_it_imported(tmp_path, looked) -> None:
    """A parent notes its modules before it forks a check process, whose first purge then
    looks only at the modules imported since, unless a parent's module lies in the learner's
    folder: that one goes, as on any first purge."""
    import types

    from flaskcourse.checking import learner

    (tmp_path / "app.py").write_text("VALUE = 1\n")
    learner._not_learners.clear()  # as in a check process that has not purged yet
    learner._watch.settle()  # whatever this process noted before: the note below is taken anew
    try:
        learner.mark_parents_modules()
        learner.import_entry_module()
        assert looked == []  # the parent's modules, a thousand or more, are left alone

        stale = types.ModuleType("stale")
        stale.__file__ = str(tmp_path / "stale.py")
        sys.modules["stale"] = stale
        learner.mark_parents_modules()
        learner.import_entry_module()
        assert "stale" not in sys.modules
        assert len(looked) > 100  # every module looked at, once
    finally:
        for name in ("app", "stale"):
            sys.modules.pop(name, None)


def test_pytest_reports_a_failing_check_by_its_exception_alone() -> None:
    """A check's result is read from its exception: pytest's report of it is the exception's
    own lines, with no traceback to format (``plugin.pytest_collection_modifyitems``)."""
    import types

    from flaskcourse.checking import plugin

    item = types.SimpleNamespace()
    plugin.pytest_collection_modifyitems([item])
    try:
        raise ValueError("expected 201\ngot 200")
    except ValueError:
        info = pytest.ExceptionInfo.from_current()
    assert item._repr_failure_py(info, style="native") == "ValueError: expected 201\ngot 200"
