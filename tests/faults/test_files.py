"""Case 7: learner code that deletes or rewrites files in its working folder, or writes to the
home folder. Checks run on a copy with a home of their own: the learner's files stay as they
were, and a check that depends on a file the code itself changed says so."""

from __future__ import annotations

from tests.faults.conftest import GOOD, Learner, app_with

FILES = {"notes.txt": "my notes\n", "templates/page.html": "<p>{{ x }}</p>\n",
         "data/records.json": "[]\n"}


def test_deleting_its_folder_and_writing_home_at_import_changes_nothing_of_the_learners(
        learner: Learner) -> None:
    source = app_with(top="""
        import os, shutil
        from pathlib import Path
        for path in Path(".").iterdir():
            if path.name != "app.py":
                shutil.rmtree(path) if path.is_dir() else path.unlink()
        (Path.home() / ".bashrc").write_text("overwritten")
        Path(os.path.expanduser("~/planted.txt")).write_text("x")
    """)
    learner.start(app=source, files=FILES)
    before = learner.snapshot()
    ran = learner.run("check")
    assert ran.returncode == 0, ran
    assert ran.pages() == {"home": "✓", "about": "✓", "contact": "✓"}
    assert learner.snapshot() == before


def test_rewriting_its_own_source_in_a_view_is_named_as_the_cause(learner: Learner) -> None:
    source = app_with(about="""
        from pathlib import Path
        Path("notes.txt").unlink()
        Path("app.py").write_text("# gone\\n")
    """)
    learner.start(app=source, files=FILES)
    before = learner.snapshot()
    ran = learner.run("check")
    assert ran.returncode == 2, ran
    assert "Your code changed app.py while the checks ran" in ran.said
    assert "your own files are safe" in ran.said
    assert ran.marks().get("the contact page says contact") is None
    assert learner.snapshot() == before
    assert (learner.lesson() / "app.py").read_text() == source != GOOD
