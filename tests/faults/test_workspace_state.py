"""Case 13: a workspace on a read-only folder, a workspace moved to another path, and a lesson
folder the learner deleted (``start`` offers to restore it; ``check`` says what to do)."""

from __future__ import annotations

import os
import pty
import select
import shutil
import subprocess
import time
import uuid
from collections.abc import Sequence
from pathlib import Path

import pytest

from tests.faults.conftest import (
    GOOD,
    SCRIPT,
    Learner,
    assert_nothing_left,
    flat,
    unshare_works,
)


def read_only(folder: Path) -> Sequence[str]:
    """A command prefix under which ``folder`` is read-only, the way a mounted share or a
    locked-down lab machine is: a read-only bind mount (``chmod`` means nothing to root)."""
    if not unshare_works("-rm"):
        pytest.skip("needs unshare -rm (unprivileged user and mount namespaces)")
    mount = 'mount --bind -o ro "$0" "$0" && exec "$@"'
    return ("unshare", "-rm", "sh", "-c", mount, str(folder))


def test_start_in_a_read_only_folder_says_so(learner: Learner) -> None:
    ran = learner.run("start", "01", wrap=read_only(learner.root))
    assert ran.returncode == 2, ran
    assert f"Cannot create the workspace in {learner.root}: Read-only file system." in ran.said
    assert "Traceback" not in ran.said
    assert list(learner.root.iterdir()) == []


def test_a_read_only_workspace_still_checks_and_says_nothing_was_recorded(learner: Learner) -> None:
    learner.start(app=GOOD)
    before = learner.snapshot()
    state = sorted(p.name for p in (learner.root / ".flaskcourse").rglob("*"))
    wrap = read_only(learner.root)
    ran = learner.run("check", cwd=learner.lesson(), wrap=wrap)
    assert ran.returncode == 0, ran
    assert ran.pages() == {"home": "✓", "about": "✓", "contact": "✓"}
    database = learner.root / ".flaskcourse/progress.sqlite3"
    unsaved = f"Cannot save your progress: {database} (or the folder it is in) is read-only."
    assert f"This result was not recorded. {unsaved}" in ran.said
    assert "Traceback" not in ran.said
    for command, message in ((("start", "02"), f"Cannot write to the workspace {learner.root}: Read-only file system."),
                             (("reset", "01"), f"Cannot write to the workspace {learner.root}: Read-only file system.")):
        refused = learner.run(*command, wrap=wrap)
        assert refused.returncode == 2, refused
        assert message in refused.said and "Traceback" not in refused.said
    for _ in range(2):
        hinted = learner.run("hint", "01", wrap=wrap)
        assert hinted.returncode == 0, hinted
        assert "Hint 1 of 3 for lesson 01" in hinted.said and "One view per route." in hinted.said
        assert ("This hint was not recorded, so `flaskcourse hint 01` will show it again. "
                f"{unsaved}") in hinted.said
    assert learner.run("list", wrap=wrap).returncode == 0
    assert learner.snapshot() == before
    assert sorted(p.name for p in (learner.root / ".flaskcourse").rglob("*")) == state
    assert learner.attempts() == []


def test_a_moved_workspace_keeps_its_progress(learner: Learner, tmp_path: Path) -> None:
    learner.start(app=GOOD)
    assert learner.run("check").returncode == 0
    learner.root = shutil.move(learner.root, tmp_path / "elsewhere" / "my-flask")
    before = learner.snapshot()
    ran = learner.run("check", cwd=learner.lesson())
    assert ran.returncode == 0, ran
    assert f"({learner.root / '01-pages'})" in ran.said
    assert [a.passed for a in learner.attempts()] == [True, True]
    (learner.lesson() / "app.py").write_text("# broken\n")
    assert learner.run("reset", "01", "--to-last-pass").returncode == 0
    assert (learner.lesson() / "app.py").read_text() == GOOD
    assert "→ 01 Three pages passed" in learner.run("list").said
    assert learner.snapshot()[1] == before[1]


def test_check_for_a_deleted_lesson_folder_says_what_to_do(learner: Learner) -> None:
    shutil.rmtree(learner.start(app=GOOD))
    ran = learner.run("check", "01")
    assert ran.returncode == 2, ran
    assert f"The folder of lesson 01 ({learner.lesson()}) is gone: it was deleted or moved." in ran.said
    assert "Move it back, or type `flaskcourse start 01` to restore it" in ran.said


def test_check_inside_a_deleted_lesson_folder_says_what_to_do(learner: Learner) -> None:
    """The folder is named whatever the shell (dash keeps PWD, others may not): without PWD."""
    folder = learner.start(app=GOOD)
    ran = learner.run("check", wrap=("sh", "-c", 'cd "$0" && rm -rf "$0" && exec env -u PWD "$@"',
                                     str(folder)))
    assert ran.returncode == 2, ran
    assert f"The folder you are in ({folder}) no longer exists: it was deleted or moved." in ran.said
    assert "Type `cd ..`, then `flaskcourse start 01` to restore it." in ran.said
    assert "Traceback" not in ran.said


def test_reset_keeps_the_folder_the_shell_stands_in(learner: Learner) -> None:
    """`reset` run inside the lesson folder, then `check` from that same shell: the shell is
    still in the lesson (the same folder, with the starter's files), not in a deleted one."""
    folder = learner.start(app=GOOD, files={"notes.txt": "mine\n"})
    inode = folder.stat().st_ino
    in_the_folder = ("sh", "-c", 'cd "$0" && "$1" reset 01 && shift && exec "$@"', str(folder),
                     str(SCRIPT))
    ran = learner.run("check", wrap=in_the_folder)
    assert ran.returncode == 1, ran
    assert f"Lesson 01 is back to the starter in {folder}" in ran.said
    assert "no longer exists" not in ran.said and "is gone" not in ran.said
    assert folder.stat().st_ino == inode
    assert (folder / "app.py").read_bytes() == (learner.course / "exercises/01-pages/app.py").read_bytes()
    assert not (folder / "notes.txt").exists()
    (backup,) = (learner.root / ".flaskcourse/backups/01-pages").iterdir()
    assert (backup / "notes.txt").read_text() == "mine\n" and (backup / "app.py").read_text() == GOOD


def test_start_offers_to_restore_a_deleted_lesson_folder(learner: Learner) -> None:
    folder = learner.start(app=GOOD)
    assert learner.run("check").returncode == 0
    shutil.rmtree(folder)
    asked = learner.run("start", "01")
    assert asked.returncode == 2, asked
    assert "You started lesson 01 before, but its folder" in asked.said
    assert "It can be restored with your last passing version (kept " in asked.said
    assert "`flaskcourse start 01 --yes`" in asked.said
    assert not folder.exists()
    restored = learner.run("start", "01", "--yes")
    assert restored.returncode == 0, restored
    assert "Your lesson folder was gone: it is back, with your last passing version." in restored.said
    assert (folder / "app.py").read_text() == GOOD


def at_a_terminal(learner: Learner, args: Sequence[str], answer: bytes) -> tuple[int, str]:
    """Run the console script with a terminal for stdin and stdout, answering its question."""
    leader, follower = pty.openpty()
    marker = uuid.uuid4().hex
    proc = subprocess.Popen([str(SCRIPT), *args], cwd=learner.root, env=learner.env(marker),
                            stdin=follower, stdout=follower, stderr=follower, start_new_session=True)
    os.close(follower)
    seen = b""
    deadline = time.monotonic() + 30
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            if select.select([leader], [], [], 0.1)[0]:
                try:
                    seen += os.read(leader, 4096)
                except OSError:
                    break
                if b"Restore it?" in seen and answer:
                    os.write(leader, answer)
                    answer = b""
        return proc.wait(timeout=30), flat(seen.decode("utf-8", "replace"))
    finally:
        os.close(leader)
        assert_nothing_left(marker)


def test_start_at_a_terminal_asks_before_restoring(learner: Learner) -> None:
    folder = learner.start(app=GOOD)
    shutil.rmtree(folder)
    code, said = at_a_terminal(learner, ["start", "01"], b"n\n")
    assert code == 0, said
    assert "It can be restored with the starter files." in said and "Nothing was changed." in said
    assert not folder.exists()
    code, said = at_a_terminal(learner, ["start", "01"], b"\n")
    assert code == 0, said
    assert "Your lesson folder was gone: it is back, with the starter files." in said
    assert (folder / "app.py").read_bytes() == (learner.course / "exercises/01-pages/app.py").read_bytes()
