"""The check runner against real child processes: outcomes, limits and learner mistakes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from flaskcourse.catalog import Course, load_course
from flaskcourse.files import tree_digest
from flaskcourse.report import Outcome
from flaskcourse.runner import RunSettings, run_checks
from tests.conftest import write

GOOD = (Path(__file__).parent / "fixtures/course/solutions/01-greet/app.py").read_text()


def run(tiny: Course, folder: Path, **settings: float):
    lesson = tiny.get("01")
    return run_checks(lesson, folder, settings=RunSettings(time_limit=settings.get("limit", 3.0)))


def outcomes(report) -> dict[str, Outcome]:
    return {c.id: c.outcome for c in report.checks}


def test_solution_passes_and_starter_fails(tiny: Course) -> None:
    lesson = tiny.get("01")
    assert run_checks(lesson, lesson.solution_dir).passed
    starter = run_checks(lesson, lesson.starter_dir)
    assert not starter.passed
    assert starter.failed_ids() == {"test_greets_by_name", "test_missing_name_is_400"}


def test_failure_says_request_expected_and_got(tiny: Course) -> None:
    lesson = tiny.get("01")
    report = run_checks(lesson, lesson.starter_dir)
    failed = next(c for c in report.checks if c.id == "test_missing_name_is_400")
    assert failed.name == "a missing name gives 400 naming the parameter"
    assert failed.request == "GET /greet"
    assert failed.expected == "status 400"
    assert failed.got.startswith("status 200 (application/json)")


def test_results_stream_as_they_finish(tiny: Course) -> None:
    lesson = tiny.get("01")
    seen = []
    report = run_checks(lesson, lesson.solution_dir, on_result=seen.append)
    assert [r.id for r in seen] == [c.id for c in report.checks]


def test_a_500_shows_the_learners_own_frames(tiny: Course, tmp_path: Path) -> None:
    folder = write(tmp_path / "01-greet", {"app.py": GOOD.replace(
        'name = request.args.get("name", "").strip()', 'name = request.args.get("name").strip()')})
    report = run(tiny, folder)
    failed = next(c for c in report.checks if c.id == "test_missing_name_is_400")
    assert failed.outcome is Outcome.FAILED
    assert "status 500" in failed.got
    assert "your app raised AttributeError" in failed.help
    assert "app.py, line 8, in greet" in failed.help
    assert "site-packages" not in failed.help


def test_a_404_lists_the_learners_routes(tiny: Course, tmp_path: Path) -> None:
    folder = write(tmp_path / "01-greet", {"app.py": GOOD.replace('"/greet"', '"/hello"')})
    report = run(tiny, folder)
    failed = report.checks[0]
    assert "No route of your app matches /greet" in failed.help
    assert "GET /hello" in failed.help


def test_a_405_names_the_accepted_methods(tiny: Course, tmp_path: Path) -> None:
    folder = write(tmp_path / "01-greet", {"app.py": GOOD.replace("@app.get", "@app.post")})
    failed = run(tiny, folder).checks[0]
    assert "/greet exists in your app but does not accept GET; it accepts POST" in failed.help


def test_hanging_check_times_out_and_the_others_still_run(tiny: Course, tmp_path: Path) -> None:
    hang = GOOD.replace('    name = request.args.get("name", "").strip()\n',
                        '    name = request.args.get("name", "").strip()\n'
                        '    if name:\n'
                        '        import time\n'
                        '        while True:\n'
                        '            try:\n'
                        '                time.sleep(10)\n'
                        '            except BaseException:\n'
                        '                pass\n')
    folder = write(tmp_path / "01-greet", {"app.py": hang})
    report = run(tiny, folder, limit=1.5)
    assert outcomes(report) == {"test_greets_by_name": Outcome.TIMEOUT,
                                "test_missing_name_is_400": Outcome.PASSED}
    assert "timed out after 1.5 s" in report.checks[0].message
    assert "(it was still running app.py, line 13: `time.sleep(10)`)" in report.checks[0].message


def test_process_exit_in_a_view_fails_only_that_check(tiny: Course, tmp_path: Path) -> None:
    folder = write(tmp_path / "01-greet", {"app.py": GOOD.replace(
        '        return {"error": "name is required"}, 400',
        '        import os\n        os._exit(0)')})
    report = run(tiny, folder)
    assert outcomes(report) == {"test_greets_by_name": Outcome.PASSED,
                                "test_missing_name_is_400": Outcome.FAILED}
    assert "ended by your call to os._exit() at app.py, line 11: `os._exit(0)` during this check" \
        in report.checks[1].message


@pytest.mark.parametrize(("source", "message", "line"), [
    ("from flask import Flask\napp = Flask(__name__\n", "app.py has a syntax error on line 2", 2),
    ("import flask\nimport no_such_module_here\n", "'no_such_module_here', which is not installed", 2),
    ("x = 1\n", "defines no Flask app", None),
    ("from flask import Flask\napp = Flask(__name__)\napp.run()\n", "app.run() was called", 3),
    ("import sys\nsys.exit(3)\n", "ended the process (sys.exit(3))", 2),
    ("def create_app(config=None):\n    raise RuntimeError('boom')\n", "RuntimeError: boom", 2),
    ("from flask import Flask\nname = input('name? ')\n", "input() waits for someone", 2),
    ("import socket\nsocket.socket().bind(('127.0.0.1', 5000))\n", "binds port 5000 while", 2),
])
def test_code_that_does_not_load_is_one_clear_paragraph(tiny: Course, tmp_path: Path, source: str,
                                                        message: str, line: int | None) -> None:
    folder = write(tmp_path / "01-greet", {"app.py": source})
    report = run(tiny, folder)
    assert report.load_error is not None
    assert message in report.load_error.message
    assert report.load_error.line == line
    assert report.checks == ()


def test_an_endless_loop_at_import_is_reported_as_such(tiny: Course, tmp_path: Path) -> None:
    folder = write(tmp_path / "01-greet", {"app.py": "while True:\n    pass\n"})
    report = run(tiny, folder, limit=1.0)
    assert report.load_error is not None
    assert "did not finish within 1 s" in report.load_error.message


def test_checks_never_write_to_the_learners_folder(tiny: Course, tmp_path: Path) -> None:
    source = GOOD.replace("app = Flask(__name__)", (
        "app = Flask(__name__)\n"
        "open('app.py', 'w').write('wiped')\n"
        "open('new-file.txt', 'w').write('x')\n"))
    folder = write(tmp_path / "01-greet", {"app.py": source})
    before = tree_digest(folder)
    run(tiny, folder)
    assert tree_digest(folder) == before
    assert not (folder / "new-file.txt").exists()


def test_output_is_capped(tiny: Course, tmp_path: Path) -> None:
    source = GOOD.replace("app = Flask(__name__)",
                          "app = Flask(__name__)\nimport sys\nsys.stdout.write('x' * 5_000_000)\n")
    folder = write(tmp_path / "01-greet", {"app.py": source})
    report = run(tiny, folder)
    assert report.passed
    assert len(report.output) < 70 * 1024
    assert "more bytes of output were not kept" in report.output
    assert any("printed more than 64 KB" in n for n in report.notices)


def test_output_is_shown_under_the_check_that_printed_it(tiny: Course, tmp_path: Path) -> None:
    source = GOOD.replace('    name = request.args.get("name", "").strip()',
                          '    name = request.args.get("name", "").strip()\n'
                          '    print(f"asked for {name!r}")')
    source = source.replace("app = Flask(__name__)", "app = Flask(__name__)\nprint('loading')")
    report = run(tiny, write(tmp_path / "01-greet", {"app.py": source}))
    assert report.passed
    sections = report.output.split("── ")
    assert sections[1] == "while your app was loading ──\nloading\n"
    assert sections[2] == "greets Ada by name ──\nloading\nasked for 'Ada'\n"
    assert sections[3].startswith("a missing name gives 400 naming the parameter ──\n")
    assert sections[3].count("asked for ''") == 2
    assert "\x1e" not in report.output


def test_a_broken_check_is_not_blamed_on_the_learner(tiny: Course, tmp_path: Path) -> None:
    root = tmp_path / "course"
    shutil.copytree(tiny.root, root)
    (root / "checks/01-greet/test_broken.py").write_text(
        "def test_broken(client):\n    '''a check with a bug'''\n    {}['missing']\n")
    lesson = load_course(root).get("01")
    report = run_checks(lesson, lesson.solution_dir)
    broken = next(c for c in report.checks if c.id == "test_broken")
    assert broken.outcome is Outcome.ERROR
    assert "bug in the course, not in your code" in broken.message
    assert not report.failed_ids()


@pytest.mark.parametrize("broken", ["test_greet.py", "test_zz_extra.py"],
                         ids=["the only check file", "beside a good one"])
def test_a_check_file_that_does_not_import_is_the_course_s_problem(tiny: Course, tmp_path: Path,
                                                                   broken: str) -> None:
    root = tmp_path / "course"
    shutil.copytree(tiny.root, root)
    (root / "checks/01-greet" / broken).write_text("import no_such_helper_module\n")
    lesson = load_course(root).get("01")
    report = run_checks(lesson, lesson.solution_dir)
    assert report.load_error is not None
    assert "could not be collected" in report.load_error.message
    assert "not with your code" in report.load_error.message
    assert "no_such_helper_module" in report.load_error.detail
    assert report.checks == ()


def test_network_beyond_loopback_is_refused(tiny: Course, tmp_path: Path) -> None:
    source = GOOD.replace('    return {"greeting": f"Hello, {name}!"}',
                          '    import requests\n'
                          '    requests.get("http://192.0.2.10/", timeout=5)\n'
                          '    return {"greeting": f"Hello, {name}!"}')
    folder = write(tmp_path / "01-greet", {"app.py": source})
    report = run(tiny, folder)
    failed = report.checks[0]
    assert failed.outcome is Outcome.FAILED
    assert "192.0.2.10:80" in (failed.help or "")


@pytest.mark.parametrize("mode", ["fork", "spawn"])
def test_forked_and_spawned_children_report_alike(tiny: Course, tmp_path: Path, monkeypatch,
                                                  mode: str) -> None:
    """The warm (forked) runner and a fresh Python give the same outcomes, limits included."""
    monkeypatch.setenv("FLASKCOURSE_RUNNER", mode)
    hang = GOOD.replace('        return {"error": "name is required"}, 400',
                        '        while True:\n            pass')
    noisy = hang.replace("app = Flask(__name__)",
                         "app = Flask(__name__)\nprint('x' * 200_000)")
    report = run(tiny, write(tmp_path / "01-greet", {"app.py": noisy}), limit=1.0)
    assert outcomes(report) == {"test_greets_by_name": Outcome.PASSED,
                                "test_missing_name_is_400": Outcome.TIMEOUT}
    assert report.notices and "printed more than 64 KB" in report.notices[0]


def test_a_file_named_like_a_library_it_would_hide_is_refused(tiny: Course, tmp_path: Path) -> None:
    folder = write(tmp_path / "01-greet", {"app.py": GOOD, "flask.py": "# notes\n"})
    report = run(tiny, folder)
    assert report.load_error is not None and report.load_error.file == "flask.py"
    assert "has the same name as the module flask" in report.load_error.message


def test_code_that_rewrites_its_own_source_is_named_as_the_cause(tiny: Course, tmp_path: Path) -> None:
    source = GOOD.replace('    return {"greeting"', "    open('app.py', 'w').write('')\n    return {\"greeting\"")
    folder = write(tmp_path / "01-greet", {"app.py": source})
    report = run(tiny, folder)
    assert report.load_error is not None
    assert report.load_error.message.startswith("Your code changed app.py while the checks ran")
    assert (folder / "app.py").read_text() == source


def test_messages_name_the_learners_folder_not_the_copy(tiny: Course, tmp_path: Path) -> None:
    folder = write(tmp_path / "01-greet", {"app.py": "open(__file__ + '.missing')\n"})
    report = run(tiny, folder)
    assert report.load_error is not None
    assert str(folder / "app.py.missing") in report.load_error.message


def test_the_copy_is_made_under_the_scratch_root_asked_for_and_removed(tiny: Course,
                                                                       tmp_path: Path) -> None:
    root = tmp_path / "scratch"
    root.mkdir()
    lesson, seen = tiny.get("01"), []
    report = run_checks(lesson, lesson.solution_dir,
                        settings=RunSettings(time_limit=3.0, scratch_root=root),
                        on_result=lambda _: seen.append([p.name for p in root.iterdir()]))
    assert report.passed and seen
    assert all(len(names) == 1 and names[0].startswith("flaskcourse-01-") for names in seen)
    assert list(root.iterdir()) == []
