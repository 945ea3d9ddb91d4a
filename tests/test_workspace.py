"""Workspace finding, scaffolding, resets and snapshots on real folders."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from flaskcourse.catalog import Course
from flaskcourse.errors import CourseError, WorkspaceMissing, WorkspaceUnwritable
from flaskcourse.files import tree_digest
from flaskcourse.workspace import (
    MARKER, Workspace, backup, find_workspace, latest_snapshot, replace_lesson_files,
    require_workspace, scaffold, snapshot, working_dir, writing,
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


def interrupting_after(count: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C after ``count`` files were copied, the way a learner's key press lands."""
    from flaskcourse import files

    real = files.atomic_copy
    done: list[Path] = []

    def copy(src: Path, dst: Path) -> None:
        if len(done) == count:
            raise KeyboardInterrupt
        real(src, dst)
        done.append(dst)

    monkeypatch.setattr(files, "atomic_copy", copy)


def test_an_interrupted_scaffold_leaves_no_half_made_folder(ws: Workspace, tiny: Course,
                                                            tmp_path: Path, monkeypatch) -> None:
    source = tmp_path / "starter"
    for name in ("app.py", "b.txt", "c.txt"):
        (source / name).parent.mkdir(exist_ok=True)
        (source / name).write_text(name)
    interrupting_after(1, monkeypatch)
    with pytest.raises(KeyboardInterrupt):
        scaffold(ws, tiny.get("01"), source)
    assert not (ws.root / tiny.get("01").name).exists()
    assert list(ws.state_dir.iterdir()) == []


def test_an_interrupted_reset_keeps_the_learners_folder(ws: Workspace, tiny: Course,
                                                        monkeypatch) -> None:
    lesson = tiny.get("01")
    folder = ws.root / lesson.name
    folder.mkdir()
    (folder / "app.py").write_text("# mine")
    (folder / "notes.txt").write_text("mine")
    before = tree_digest(folder)
    interrupting_after(2, monkeypatch)  # the backup's two files, then none of the starter's
    with pytest.raises(KeyboardInterrupt):
        replace_lesson_files(ws, lesson, lesson.starter_dir)
    assert tree_digest(folder) == before
    assert sorted(p.name for p in ws.state_dir.iterdir()) == ["backups"]


def test_restoring_a_deleted_folder_from_a_snapshot(ws: Workspace, tiny: Course) -> None:
    lesson = tiny.get("01")
    folder = ws.root / lesson.name
    folder.mkdir()
    (folder / "app.py").write_text("passing")
    kept = snapshot(ws, lesson, folder)
    (folder / "app.py").unlink()
    folder.rmdir()
    made = scaffold(ws, lesson, kept)
    assert made.copied == (Path("app.py"),)
    assert (folder / "app.py").read_text() == "passing"


def test_two_copies_kept_in_the_same_second_do_not_collide(ws: Workspace, tiny: Course) -> None:
    lesson = tiny.get("01")
    folder = ws.root / lesson.name
    folder.mkdir()
    (folder / "app.py").write_text("v1")
    first = backup(ws, lesson)
    (folder / "app.py").write_text("v2")
    second = backup(ws, lesson)
    assert first != second
    assert [(p / "app.py").read_text() for p in (first, second)] == ["v1", "v2"]


def test_a_deleted_working_folder_is_a_clear_error(tmp_path: Path, tiny: Course,
                                                   monkeypatch) -> None:
    gone = tmp_path / "01-greet"
    gone.mkdir()
    monkeypatch.chdir(gone)
    monkeypatch.setenv("PWD", str(gone))
    gone.rmdir()
    with pytest.raises(CourseError) as caught:
        working_dir(tiny)
    assert f"The folder you are in ({gone}) no longer exists" in caught.value.message
    assert "`flaskcourse start 01`" in caught.value.hint


def test_writing_turns_a_read_only_folder_into_a_message(ws: Workspace) -> None:
    with pytest.raises(WorkspaceUnwritable) as caught, writing(ws):
        raise OSError(errno.EROFS, "Read-only file system")
    assert caught.value.message == f"Cannot write to the workspace {ws.root}: Read-only file system."
    with pytest.raises(FileNotFoundError), writing(ws):
        raise FileNotFoundError(errno.ENOENT, "No such file or directory")
