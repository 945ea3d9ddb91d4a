"""Runs forked from a prepared session report exactly what a run forked the usual way reports,
whatever the learner's code does; and a prepared session never outlives its runner."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from flaskcourse.catalog import Course, load_course
from flaskcourse.prepared import PreparedSessions
from flaskcourse.report import LessonReport
from flaskcourse.runner import RunSettings, run_checks
from tests.conftest import write

GOOD = (Path(__file__).parent / "fixtures/course/solutions/01-greet/app.py").read_text()
HANG = GOOD.replace('        return {"error": "name is required"}, 400',
                    '        import time\n        while True:\n            time.sleep(10)')
FOLDERS = {
    "solution": GOOD,
    "wrong": GOOD.replace('}, 400', '}, 200'),
    "hang": HANG,
    "exit in a view": GOOD.replace('        return {"error": "name is required"}, 400',
                                   '        import os\n        os._exit(0)'),
    "prints": GOOD.replace("app = Flask(__name__)", "app = Flask(__name__)\nprint('loading')"),
    "syntax error": "from flask import Flask\napp = Flask(__name__\n",
    "exit at import": "import sys\nsys.exit(3)\n",
    "endless import": "while True:\n    pass\n",
}


def seen(report: LessonReport) -> tuple[object, ...]:
    """All a learner is shown of a report (its duration aside)."""
    return (report.load_error, report.output, report.notices, report.printed_lines,
            [(c.id, c.outcome, c.message, c.request, c.expected, c.got, c.help, c.stuck_at)
             for c in report.checks])


def both(lesson, folder: Path, collectable: bool = True,
         **settings: object) -> tuple[LessonReport, LessonReport]:
    only = settings.pop("only", None)
    plain = RunSettings(time_limit=1.5, **settings)  # type: ignore[arg-type]
    usual = run_checks(lesson, folder, settings=plain, only=only)
    with PreparedSessions() as sessions:
        prepared = run_checks(lesson, folder, only=only, settings=RunSettings(
            time_limit=1.5, sessions=sessions, **settings))  # type: ignore[arg-type]
        # The checks were collected by a prepared process, unless they cannot be collected.
        assert (sessions._prepared[lesson.checks_dir] is not None) is collectable
    return usual, prepared


@pytest.mark.parametrize("name", FOLDERS)
def test_a_prepared_run_reports_what_a_usual_run_reports(tiny: Course, tmp_path: Path,
                                                         name: str) -> None:
    folder = write(tmp_path / "01-greet", {"app.py": FOLDERS[name]})
    usual, prepared = both(tiny.get("01"), folder)
    assert seen(prepared) == seen(usual)


@pytest.mark.parametrize(("settings", "outcomes"), [
    ({"only": ("test_missing_name_is_400",)}, ["failed"]),
    ({"first_failure_only": True}, ["failed", "error"]),  # the second is not run
], ids=["only", "exitfirst"])
def test_a_prepared_run_keeps_to_the_checks_asked_for(tiny: Course, tmp_path: Path,
                                                      settings: dict[str, object],
                                                      outcomes: list[str]) -> None:
    folder = write(tmp_path / "01-greet", {"app.py": GOOD.replace('"greeting"', '"hello"')
                                           .replace('}, 400', '}, 200')})
    usual, prepared = both(tiny.get("01"), folder, **settings)
    assert seen(prepared) == seen(usual)
    assert [c.outcome.value for c in prepared.checks] == outcomes


def test_many_runs_share_one_prepared_session(tiny: Course, tmp_path: Path) -> None:
    lesson = tiny.get("01")
    folders = [write(tmp_path / str(i) / "01-greet", {"app.py": FOLDERS[name]})
               for i, name in enumerate(["hang", "solution", "wrong", "solution"])]
    with PreparedSessions() as sessions:
        settings = RunSettings(time_limit=1.5, sessions=sessions)
        reports = [run_checks(lesson, folder, settings=settings) for folder in folders]
        assert len(sessions._prepared) == 1 and None not in sessions._prepared.values()
    assert [r.passed for r in reports] == [False, True, False, True]
    assert not reports[2].passed and reports[2].failed_ids() == {"test_missing_name_is_400"}


def test_checks_that_do_not_import_are_run_the_usual_way(tiny: Course, tmp_path: Path) -> None:
    root = tmp_path / "course"
    shutil.copytree(tiny.root, root)
    (root / "checks/01-greet/test_zz_extra.py").write_text("import no_such_helper_module\n")
    lesson = load_course(root).get("01")
    usual, prepared = both(lesson, lesson.solution_dir, collectable=False)
    assert seen(prepared) == seen(usual)
    assert prepared.load_error is not None and "no_such_helper_module" in prepared.load_error.detail


def test_closing_ends_the_prepared_process_and_its_runs(tiny: Course) -> None:
    lesson = tiny.get("01")
    with PreparedSessions() as sessions:
        run_checks(lesson, lesson.solution_dir,
                   settings=RunSettings(time_limit=1.5, sessions=sessions))
        prepared = next(iter(sessions._prepared.values()))
        assert prepared is not None
        pid = prepared.pid
        os.kill(pid, 0)  # alive while the sessions are open
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_a_lessons_session_ends_with_its_last_run(tiny: Course) -> None:
    from flaskcourse.verify import _ending_each_lesson

    first, second = tiny.lessons[:2]
    alive: list[bool] = []

    def job(lesson):
        def run() -> bool:
            passed = run_checks(lesson, lesson.solution_dir, settings=RunSettings(
                time_limit=3.0, sessions=sessions)).passed
            alive.append(sessions._prepared.get(lesson.checks_dir) is not None)
            return passed
        return run

    def first_still_prepared() -> bool:
        alive.append(first.checks_dir in sessions._prepared)
        return True

    with PreparedSessions() as sessions:
        jobs = _ending_each_lesson([(first, job(first)), (first, job(first)),
                                    (second, first_still_prepared), (second, job(second))],
                                   sessions)
        assert [run() for run in jobs] == [True, True, True, True]
        # The first lesson's session served both its runs, and ended as the second finished.
        assert alive == [True, True, False, True]
        assert second.checks_dir not in sessions._prepared


def running(pid: int) -> bool:
    try:
        return "State:\tZ" not in Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False


def test_what_a_prepared_run_leaves_running_is_ended_with_it(tiny: Course, tmp_path: Path) -> None:
    import time

    pids = tmp_path / "pids"
    leaves = GOOD.replace('    name = request.args.get("name", "").strip()\n',
                          '    import subprocess\n'
                          f'    child = subprocess.Popen(["sleep", "60"])\n'
                          f'    open({str(pids)!r}, "a").write(f"{{child.pid}}\\n")\n'
                          '    name = request.args.get("name", "").strip()\n')
    folder = write(tmp_path / "01-greet", {"app.py": leaves})
    with PreparedSessions() as sessions:
        run_checks(tiny.get("01"), folder, settings=RunSettings(time_limit=3.0, sessions=sessions))
        left = [int(pid) for pid in pids.read_text().split()]
        assert left
        deadline = time.monotonic() + 5
        while left and time.monotonic() < deadline:
            left = [pid for pid in left if running(pid)]
            time.sleep(0.05)
        assert left == []


def test_a_run_that_kills_its_prepared_process_ends_only_itself(tiny: Course,
                                                                tmp_path: Path) -> None:
    """A learner's run may kill its parent; here that is the prepared process. The runs after
    it are checked as usual, then from a new prepared process."""
    kills = GOOD.replace('    name = request.args.get("name", "").strip()\n',
                         '    import os, signal\n'
                         '    os.kill(os.getppid(), signal.SIGKILL)\n'
                         '    name = request.args.get("name", "").strip()\n')
    lesson = tiny.get("01")
    killer = write(tmp_path / "a" / "01-greet", {"app.py": kills})
    good = write(tmp_path / "b" / "01-greet", {"app.py": GOOD})
    with PreparedSessions() as sessions:
        settings = RunSettings(time_limit=3.0, sessions=sessions)
        run_checks(lesson, killer, settings=settings)
        pid = sessions._prepared[lesson.checks_dir].pid
        reports = [run_checks(lesson, good, settings=settings) for _ in range(3)]
        assert [r.passed for r in reports] == [True, True, True]
        assert sessions._prepared[lesson.checks_dir].pid != pid


def test_a_prepared_process_that_does_not_end_is_killed(tiny: Course, monkeypatch) -> None:
    import signal

    from flaskcourse import prepared as module

    monkeypatch.setattr(module, "CLOSE_WAIT_SECONDS", 0.2)
    lesson = tiny.get("01")
    sessions = PreparedSessions()
    run_checks(lesson, lesson.solution_dir, settings=RunSettings(time_limit=3.0,
                                                                 sessions=sessions))
    stuck = sessions._prepared[lesson.checks_dir]
    os.kill(stuck.pid, signal.SIGSTOP)  # stopped: it cannot see the socket close
    sessions.close()
    with pytest.raises(ProcessLookupError):
        os.kill(stuck.pid, 0)
