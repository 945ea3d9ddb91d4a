"""Lesson 19: the learner's tests as a suite: they pass on the course's app, in any order, on an
app written differently, on a temporary database, and they use the test CLI runner and a test
request context.

Each check reads runs of the learner's tests (flaskcourse.checking.suite), never the learner's
app.py: the course runs its own copy.
"""

import os
from urllib.parse import unquote

import pytest

from flaskcourse.checking import fail, learner
from flaskcourse.checking.suite import NEUTRAL, REFERENCE, REVERSED, reports

pytestmark = pytest.mark.grades_learner_tests

ON_REFERENCE = "python -m pytest, in a copy of your lesson folder with the course's own app.py"
IN_MEMORY = ("sqlite://", "sqlite:///:memory:")


def passing_tests(grader):
    """The tests that pass on the course's app; fails the check, saying why, when none do."""
    __tracebackhide__ = True
    run = grader.run(REFERENCE)
    if not run.passing:
        fail("at least one test of yours that passes on the course's app",
             got=_why_none_pass(run), request=ON_REFERENCE,
             help="Start with the check \"your tests pass on the course's app\".")
    return run.passing


def _why_none_pass(run):
    if run.collect_errors:
        return "pytest could not import your tests:\n" + "\n".join(run.collect_errors)
    if not run.collected:
        return "no tests in tests/: " + _where_tests_go()
    return f"all {len(run.tests)} of your tests fail there"


def _where_tests_go():
    astray = sorted(str(p.relative_to(learner.code_dir())) for p in learner.source_files()
                    if p.name.startswith("test_") and p.parent.name != "tests")
    said = ("pytest looks for files named test_*.py in tests/, and in them for functions named "
            "test_... (or methods of classes named Test...).")
    if astray:
        said += f" Move {', '.join(astray)} into tests/: the checks run that folder only."
    return said


def _temporary(uri, tmp):
    """Whether a database URI names an in-memory database or a file in the run's temporary
    folder (where pytest's tmp_path and tempfile's files live)."""
    if uri in IN_MEMORY or ":memory:" in uri or "mode=memory" in uri:
        return True
    path = unquote(uri.split("///", 1)[1].split("?", 1)[0]) if "///" in uri else ""
    return bool(tmp) and os.path.isabs(path) and \
        os.path.realpath(path).startswith(os.path.realpath(tmp) + os.sep)


def test_your_tests_pass_on_the_course_app(grader):
    """your tests pass on the course's app"""
    run = grader.run(REFERENCE)
    if run.collect_errors:
        fail("pytest to import every test file", request=ON_REFERENCE,
             got="it could not:\n" + "\n".join(run.collect_errors),
             help="Run `python -m pytest` in your lesson folder: it shows the same error.")
    if not run.collected:
        fail("at least one test", got="none: " + _where_tests_go(), request=ON_REFERENCE)
    wrong = [t for t in run.tests if not t.passed and t.outcome != "skipped"]
    if wrong:
        fail("every test to pass: the course's app has no planted bug, so a test that fails "
             "on it is wrong",
             got=f"{len(wrong)} of {len(run.tests)} fail, as pytest reports them:\n"
                 + reports(wrong),
             request=ON_REFERENCE,
             help="Read pytest's report: is the value you expect the one the lesson's contract "
                  "promises? A test that fails on a correct app earns nothing, whatever it "
                  "would catch.")
    if run.stopped:
        fail("every test to run to its end", got=run.stopped, request=ON_REFERENCE)


def test_your_tests_use_a_temporary_database(grader):
    """your tests never touch the app's own database"""
    passing_tests(grader)
    run = grader.run(REFERENCE)
    lasting = [(t.nodeid, value) for t in run.tests for key, value in t.config
               if not _temporary(value, run.tmp)]
    lasting += [("while pytest imported your test files", value)
                for key, value in run.outside_tests if not _temporary(value, run.tmp)]
    made = [rel for rel in run.created if rel.startswith("instance/")]
    if lasting or made:
        seen = "\n".join(f"{where}: SQLALCHEMY_DATABASE_URI = {value}"
                         for where, value in lasting[:5])
        fail("every app your tests build to use a temporary database: a file under pytest's "
             "tmp_path, or sqlite:// in memory",
             got="\n".join(filter(None, [seen, f"the run created {', '.join(made)}" if made
                                         else ""])),
             request=ON_REFERENCE,
             help="Pass the test config to the factory in your app fixture: "
                  "create_app({\"TESTING\": True, \"SQLALCHEMY_DATABASE_URI\": "
                  "f\"sqlite:///{tmp_path / 'test.db'}\"}). Without it the app opens "
                  "instance/library.db, the database you use by hand, and every run of the "
                  "tests adds to it.")


def test_a_test_runs_a_command_with_the_cli_runner(grader):
    """a test runs a flask command with app.test_cli_runner()"""
    passing_tests(grader)
    run = grader.run(REFERENCE)
    if not any("cli" in t.probes for t in run.tests if t.passed):
        fail("a test that passes on the course's app and runs `flask seed` through "
             "app.test_cli_runner().invoke(args=[...])",
             got=f"none of the {len(run.passing)} that pass there calls invoke() on a runner",
             request=ON_REFERENCE,
             help="runner = app.test_cli_runner(); result = runner.invoke(args=[\"seed\", "
                  "\"--count\", \"4\"]) runs the command as `flask seed --count 4` would, and "
                  "result.output holds what it printed. Then look at what it stored.")


def test_a_test_calls_page_args_in_a_test_request_context(grader):
    """a test calls page_args() inside app.test_request_context()"""
    passing_tests(grader)
    run = grader.run(REFERENCE)
    if not any({"request_context", "page_args"} <= set(t.probes) for t in run.tests if t.passed):
        fail("a test that passes on the course's app and calls page_args() itself, inside "
             "`with app.test_request_context(\"/books?...\"):`",
             got=f"none of the {len(run.passing)} that pass there does both",
             request=ON_REFERENCE,
             help="page_args() reads request.args, so it needs a request: "
                  "`with app.test_request_context(\"/books?per_page=50\"): assert page_args() "
                  "== (1, 20)` gives it one without sending any request through the app.")


def test_your_tests_judge_behaviour_not_code(grader):
    """your tests pass on an app that behaves the same but is written differently"""
    passing_tests(grader)
    run = grader.run(NEUTRAL)
    broken = [t for t in run.tests if not t.passed]
    if broken:
        fail("the tests that pass on the course's app to pass on an app that answers every "
             "request, command and page_args() call exactly the same way",
             got=f"{len(broken)} fail there:\n" + reports(broken),
             request="python -m pytest against a rewrite of app.py with the same behaviour",
             help="Test what the app does (statuses, bodies, headers, what a later request "
                  "sees), never how its code is written: a test that reads app.py's source "
                  "fails on any correct rewrite. These tests earn nothing for any bug.")


def test_your_tests_pass_in_reverse_order(grader):
    """your tests pass when they run in the reverse order"""
    passing_tests(grader)
    run = grader.run(REVERSED)
    broken = [t for t in run.tests if not t.passed]
    if broken:
        fail("the tests that pass in their usual order to pass in the reverse order too",
             got=f"{len(broken)} fail then:\n" + reports(broken),
             request="python -m pytest on the course's app, the tests in the reverse order",
             help="A test may not count on another having run first (the book it added, the "
                  "state it left). Build a fresh app in a function-scoped fixture, so each test "
                  "starts from an empty database, and let each test add what it needs.")
