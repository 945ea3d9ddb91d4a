"""Finding a class's submissions, and opening archives without trusting them."""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path

import pytest

from flaskcourse import submissions
from flaskcourse.catalog import Course
from flaskcourse.errors import CourseError
from flaskcourse.submissions import Refused, Submission, find_submissions, opened, unpack
from tests.conftest import TINY, write

GOOD = (TINY / "solutions/01-greet/app.py").read_text()


def zipped(path: Path, members: dict[str, str | bytes], *, links: dict[str, str] | None = None) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        for name, target in (links or {}).items():
            info = zipfile.ZipInfo(name)
            info.create_system = 3
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, target)
    return path


def test_a_lesson_folder_is_one_submission_named_by_its_folder(tiny: Course, tmp_path: Path) -> None:
    folder = write(tmp_path / "ada", {"app.py": GOOD})
    found, notices = find_submissions(tiny.get("01"), [folder])
    assert found == [Submission("ada", folder)] and notices == []


def test_a_folder_named_like_the_lesson_is_named_by_the_folder_above(tiny: Course,
                                                                     tmp_path: Path) -> None:
    folder = write(tmp_path / "grace" / "01-greet", {"app.py": GOOD})
    found, _ = find_submissions(tiny.get("01"), [folder])
    assert [s.learner for s in found] == ["grace"]


def test_a_folder_of_submissions_gives_one_per_folder_or_archive(tiny: Course, tmp_path: Path) -> None:
    class_ = tmp_path / "class"
    write(class_ / "bob", {"app.py": GOOD})
    write(class_ / "ada", {"app.py": GOOD})
    zipped(class_ / "cy.zip", {"app.py": GOOD})
    write(class_, {"grades.txt": "", ".DS_Store": ""})
    (class_ / "__MACOSX").mkdir()
    found, notices = find_submissions(tiny.get("01"), [class_])
    assert [s.learner for s in found] == ["ada", "bob", "cy"]
    assert found[2].is_archive
    assert notices == [f"In {class_}, grades.txt is neither a folder nor a .zip archive, so not graded."]


def test_two_submissions_under_one_name_are_told_apart(tiny: Course, tmp_path: Path) -> None:
    one = write(tmp_path / "a" / "ada", {"app.py": GOOD})
    two = write(tmp_path / "b" / "ada", {"app.py": GOOD})
    found, _ = find_submissions(tiny.get("01"), [one, two])
    assert [s.learner for s in found] == ["ada", "ada-2"]


@pytest.mark.parametrize(("make", "message"), [
    (lambda p: p.mkdir(), "holds no submission (it is empty)"),
    (lambda p: write(p, {"README.md": "hi"}), "holds no submission (it holds only README.md)"),
    (lambda p: None, "does not exist"),
    (lambda p: p.write_text("x"), "is neither a folder nor a .zip archive"),
])
def test_nothing_to_grade_is_a_clear_usage_error(tiny: Course, tmp_path: Path, make,
                                                  message: str) -> None:
    target = tmp_path / "class"
    make(target)
    with pytest.raises(CourseError) as caught:
        find_submissions(tiny.get("01"), [target])
    assert message in caught.value.message and str(target) in caught.value.message
    assert caught.value.exit_code == 2


def test_the_lesson_files_may_sit_in_one_folder_inside_the_submission(tiny: Course,
                                                                      tmp_path: Path) -> None:
    archive = zipped(tmp_path / "ada.zip", {"ada/01-greet/app.py": GOOD, "ada/notes.txt": "",
                                            "__MACOSX/ada/._app.py": "junk"})
    with opened(Submission("ada", archive), tiny.get("01")) as folder:
        assert (folder / "app.py").read_text() == GOOD
        scratch = folder.parents[1]
    assert not scratch.exists()


def test_wrong_file_names_say_what_was_expected_and_what_came(tiny: Course, tmp_path: Path) -> None:
    folder = write(tmp_path / "ada", {"main.py": GOOD, "static/site.css": ""})
    with pytest.raises(Refused) as caught:
        with opened(Submission("ada", folder), tiny.get("01")):
            pass
    assert str(caught.value) == (
        "no app.py in ada, which holds main.py, static/site.css: the checks start from that "
        "file. The lesson's files (app.py) belong at the top of the submission, or in one folder "
        "inside it.")


@pytest.mark.parametrize(("members", "links", "reason"), [
    ({"/etc/evil.py": "x", "app.py": GOOD}, None, "holds a path that escapes its folder (/etc/evil.py)"),
    ({"app.py": GOOD, "../evil.py": "x"}, None, "holds a path that escapes its folder (../evil.py)"),
    ({"app.py": GOOD, "a/../../evil.py": "x"}, None, "escapes its folder (a/../../evil.py)"),
    ({"app.py": GOOD, "..\\evil.py": "x"}, None, "escapes its folder (..\\evil.py)"),
    ({"app.py": GOOD, "C:/evil.py": "x"}, None, "escapes its folder (C:/evil.py)"),
    ({"app.py": GOOD}, {"templates": "/etc"}, "holds a symbolic link (templates)"),
])
def test_an_unsafe_archive_is_refused_whole_with_nothing_written(tmp_path: Path, members, links,
                                                                 reason: str) -> None:
    archive = zipped(tmp_path / "ada.zip", members, links=links)
    target = tmp_path / "scratch" / "inside"
    target.mkdir(parents=True)
    before = sorted(os.listdir(tmp_path))
    with pytest.raises(Refused) as caught:
        unpack(archive, target)
    assert reason in str(caught.value) and "not unpacked" in str(caught.value)
    assert list(target.iterdir()) == []
    assert sorted(os.listdir(tmp_path)) == before


def test_an_oversized_or_crowded_archive_is_refused(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(submissions, "MAX_ARCHIVE_BYTES", 1000)
    big = zipped(tmp_path / "big.zip", {"app.py": GOOD, "data.txt": "x" * 2000})
    with pytest.raises(Refused, match="unpacks to more than"):
        unpack(big, tmp_path)
    monkeypatch.setattr(submissions, "MAX_ARCHIVE_MEMBERS", 3)
    crowded = zipped(tmp_path / "crowded.zip", {f"f{i}.py": "" for i in range(4)})
    with pytest.raises(Refused, match="holds 4 files, more than the 3"):
        unpack(crowded, tmp_path)


def test_what_a_learner_carries_along_by_accident_is_left_out(tmp_path: Path) -> None:
    archive = zipped(tmp_path / "ada.zip", {"app.py": GOOD, ".venv/lib/x.py": "x",
                                            "__pycache__/app.cpython-311.pyc": "x"},
                     links={".venv/bin/python": "/usr/bin/python3"})
    target = tmp_path / "out"
    target.mkdir()
    unpack(archive, target)
    assert sorted(p.name for p in target.rglob("*")) == ["app.py"]


def test_something_that_is_not_a_zip_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "ada.zip"
    fake.write_text("not a zip")
    with pytest.raises(Refused, match="ada.zip is not a .zip archive that can be read"):
        unpack(fake, tmp_path)
