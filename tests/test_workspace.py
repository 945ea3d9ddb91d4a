"""Workspace finding, scaffolding, resets and snapshots on real folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from flaskcourse.catalog import Course
from flaskcourse.errors import WorkspaceMissing
from flaskcourse.files import tree_digest
from flaskcourse.workspace import (
    MARKER, Workspace, find_workspace, latest_snapshot, replace_lesson_files, require_workspace,
    scaffold, snapshot,
)


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    (tmp_path / MARKER).mkdir()
    return Workspace(tmp_path)


def test_the_nearest_marked_folder_above_is_the_workspace(ws: Workspace, monkeypatch) -> None:
    monkeypatch.delenv("FLASKCOURSE_HOME", raising=False)
    deep = ws.root / "01-greet" / "templates"
    deep.mkdir(parents=True)
    assert find_workspace(deep) == ws


def test_no_workspace_is_a_clear_error(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("FLASKCOURSE_HOME", raising=False)
    with pytest.raises(WorkspaceMissing) as caught:
        require_workspace(tmp_path)
    assert "flaskcourse start 00" in caught.value.hint


def test_scaffold_copies_what_is_missing_and_keeps_what_exists(ws: Workspace, tiny: Course) -> None:
    lesson = tiny.get("01")
    (ws.root / lesson.name).mkdir()
    (ws.root / lesson.name / "app.py").write_text("# mine")
    made = scaffold(ws, lesson)
    assert made.copied == ()
    assert made.kept == (Path("app.py"),)
    assert (ws.root / lesson.name / "app.py").read_text() == "# mine"


def test_replacing_files_backs_up_everything_first(ws: Workspace, tiny: Course) -> None:
    lesson = tiny.get("01")
    folder = ws.root / lesson.name
    (folder / "sub").mkdir(parents=True)
    (folder / "app.py").write_text("# mine")
    (folder / "sub" / "data.json").write_text("{}")
    before = tree_digest(folder)
    done = replace_lesson_files(ws, lesson, lesson.starter_dir)
    assert tree_digest(done.backup) == before
    assert tree_digest(folder) == tree_digest(lesson.starter_dir)
    assert not any(p.name.startswith(("incoming-", "outgoing-")) for p in ws.state_dir.iterdir())


def test_snapshots_skip_an_unchanged_version(ws: Workspace, tiny: Course) -> None:
    lesson = tiny.get("01")
    folder = ws.root / lesson.name
    folder.mkdir()
    (folder / "app.py").write_text("v1")
    first = snapshot(ws, lesson, folder)
    assert first is not None
    assert snapshot(ws, lesson, folder) is None
    (folder / "app.py").write_text("v2")
    second = snapshot(ws, lesson, folder)
    assert second is not None and latest_snapshot(ws, lesson) == second
    assert (second / "app.py").read_text() == "v2"
