"""Grading a learner's own tests (flaskcourse.checking.suite): runs against the course's apps,
per-test outcomes with pytest's reports, time bounds, probes, and the credit rule."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from flaskcourse.catalog import load_course
from flaskcourse.checking import suite
from flaskcourse.checking.suite import (FAILED, NEUTRAL, NOT_RUN, PASSED, REFERENCE, REVERSED,
                                        SKIPPED, TIMEOUT, Bug, Grader, Patch, Plan, PlanError,
                                        SuiteRun, Target, LearnerTest, apply, load_plan, mark_bugs,
                                        reports,
                                        run_targets)
from flaskcourse.runner import run_checks
from tests.conftest import TINY

APP = '''\
from flask import Flask, request


def double(n):
    return n * 2


def read_n():
    return int(request.args.get("n", 0))


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(DB="instance/real.db")
    app.config.update(config or {})

    @app.get("/double/<int:n>")
    def doubled(n):
        return {"result": double(n)}

    return app
'''

CONFTEST = '''\
import pytest

from app import create_app


@pytest.fixture
def client(tmp_path):
    return create_app({"DB": str(tmp_path / "test.db")}).test_client()
'''

TESTS = '''\
import pytest

from app import create_app, double, read_n


def test_good(client):
    assert client.get("/double/2").get_json() == {"result": 4}


def test_assertless(client):
    client.get("/double/2")


def test_wrong(client):
    assert client.get("/double/2").get_json()["result"] == 5


def test_reads_the_source():
    with open("app.py") as source:
        assert "n * 2" in source.read()


def test_skipped():
    pytest.skip("not today")


def test_helpers_called_directly():
    app = create_app({"DB": ":memory:"})
    with app.test_request_context("/?n=3"):
        assert double(read_n()) == 6
'''

NEUTRAL_PATCHES = (Patch("app.py", "return n * 2", "return n + n"),)
BUGS = (Bug("plus_one", "no test doubles a number", (Patch("app.py", "return n + n", "return n + n + 1"),)),
        Bug("zero_untested", "no test doubles zero", (Patch("app.py", "return n + n", "return n + n if n else 1"),)))


def plan(**settings) -> Plan:
    return Plan({"app.py": APP.encode()}, NEUTRAL_PATCHES, BUGS,
                probes={"double": "app:double", "request_context": "flask.app:Flask.test_request_context"},
                record_config=("DB",), **settings)


@pytest.fixture
def tests_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "learner" / "tests"
    folder.mkdir(parents=True)
    (folder / "conftest.py").write_text(CONFTEST, encoding="utf-8")
    (folder / "test_double.py").write_text(TESTS, encoding="utf-8")
    return folder


def run_one(target: Target, tests_dir: Path, tmp_path: Path, **settings) -> SuiteRun:
    work = tmp_path / "work"
    work.mkdir(exist_ok=True)
    return run_targets([target], tests_dir, plan(**settings), work, budget=60)[target.name]


def outcome_of(run: SuiteRun, name: str) -> LearnerTest:
    return next(t for t in run.tests if t.nodeid.endswith(f"::{name}"))


def test_each_test_comes_back_with_its_outcome_and_pytests_own_report(tests_dir, tmp_path) -> None:
    run = run_one(Target(REFERENCE, {"app.py": APP.encode()}), tests_dir, tmp_path)
    got = {t.nodeid.rsplit("::", 1)[1]: t.outcome for t in run.tests}
    assert got == {"test_good": PASSED, "test_assertless": PASSED, "test_wrong": FAILED,
                   "test_reads_the_source": PASSED, "test_skipped": SKIPPED,
                   "test_helpers_called_directly": PASSED}
    assert "assert 4 == 5" in outcome_of(run, "test_wrong").report
    assert not run.stopped and not run.collect_errors and run.tmp


def test_probes_record_direct_calls_from_the_tests_only(tests_dir, tmp_path) -> None:
    run = run_one(Target(REFERENCE, {"app.py": APP.encode()}), tests_dir, tmp_path)
    assert outcome_of(run, "test_helpers_called_directly").probes == ("double", "request_context")
    assert outcome_of(run, "test_good").probes == ()  # the view calls double(), not the test


def test_config_of_every_app_a_test_pushes_is_recorded(tests_dir, tmp_path) -> None:
    run = run_one(Target(REFERENCE, {"app.py": APP.encode()}), tests_dir, tmp_path)
    [(key, value)] = outcome_of(run, "test_good").config
    assert key == "DB" and value.startswith(run.tmp) and value.endswith("test.db")
    assert outcome_of(run, "test_helpers_called_directly").config == (("DB", ":memory:"),)


def test_files_left_beside_the_app_are_listed(tests_dir, tmp_path) -> None:
    (tests_dir / "test_writes.py").write_text(
        "import os\n\ndef test_writes():\n    os.makedirs('instance')\n"
        "    open('instance/real.db', 'w').close()\n", encoding="utf-8")
    run = run_one(Target(REFERENCE, {"app.py": APP.encode()}), tests_dir, tmp_path)
    assert run.created == ("instance/real.db",)


def test_reverse_only_and_stop_at_failure_shape_a_run(tests_dir, tmp_path) -> None:
    files = {"app.py": APP.encode()}
    forward = run_one(Target(REFERENCE, files), tests_dir, tmp_path)
    backward = run_one(Target(REVERSED, files, reverse=True, only=forward.passing), tests_dir, tmp_path)
    assert [t.nodeid for t in backward.tests] == [t.nodeid for t in reversed(forward.tests) if t.passed]
    broken = {"app.py": apply(apply(files, NEUTRAL_PATCHES), BUGS[0].patches)["app.py"]}
    stopped = run_one(Target("plus_one", broken, stop_at_failure=True), tests_dir, tmp_path)
    assert [t.outcome for t in stopped.tests][:2] == [FAILED, NOT_RUN] and not stopped.stopped


def test_a_test_past_its_time_fails_and_the_rest_still_run(tests_dir, tmp_path) -> None:
    (tests_dir / "test_slow.py").write_text(
        "import time\n\ndef test_sleeps():\n    time.sleep(30)\n\n"
        "def test_swallows():\n    while True:\n        try:\n            time.sleep(30)\n"
        "        except BaseException:\n            pass\n\ndef test_after():\n    assert True\n",
        encoding="utf-8")
    run = run_one(Target(REFERENCE, {"app.py": APP.encode()}), tests_dir, tmp_path,
                  per_test_seconds=0.5)
    assert outcome_of(run, "test_sleeps").outcome == TIMEOUT
    assert "did not finish within 0.5 s" in outcome_of(run, "test_sleeps").report
    assert outcome_of(run, "test_swallows").outcome == TIMEOUT
    assert "went on running when told to stop" in outcome_of(run, "test_swallows").report
    assert outcome_of(run, "test_after").outcome == PASSED


def test_a_run_out_of_budget_says_so_and_counts_no_test_it_stopped_as_failed(tests_dir, tmp_path,
                                                                             monkeypatch) -> None:
    (tests_dir / "test_slow.py").write_text("import time\n\ndef test_a_while():\n    time.sleep(3)\n",
                                            encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    done = run_targets([Target(REFERENCE, {"app.py": APP.encode()})], tests_dir, plan(), work,
                       budget=1.5)[REFERENCE]
    assert "ran out" in done.stopped and done.out_of_time
    assert outcome_of(done, "test_a_while").outcome == NOT_RUN
    cache = tmp_path / "cache"
    monkeypatch.setattr(suite, "run_targets", lambda *args, **kwargs: {REFERENCE: done})
    Grader(plan(), tests_dir, budget=60, cache=cache).run(REFERENCE)
    assert not list(cache.glob("*.json"))  # a run the budget cut short is never reused


def test_a_test_file_that_does_not_import_is_a_collect_error(tests_dir, tmp_path) -> None:
    (tests_dir / "test_broken.py").write_text("from app import nothing\n", encoding="utf-8")
    run = run_one(Target(REFERENCE, {"app.py": APP.encode()}), tests_dir, tmp_path)
    assert any("nothing" in error for error in run.collect_errors)


def test_credit_needs_a_pass_on_the_reference_and_the_neutral_app(tests_dir, tmp_path) -> None:
    grader = Grader(plan(), tests_dir, budget=60, cache=tmp_path / "cache")
    assert {n.rsplit("::", 1)[1] for n in grader.credited()} == {
        "test_good", "test_assertless", "test_helpers_called_directly"}
    assert grader.catchers("plus_one")  # test_good fails there
    assert grader.caught() == ("plus_one",)
    assert grader.score() == "Your tests caught 1 of 2 bugs."
    source_test = outcome_of(grader.run(NEUTRAL), "test_reads_the_source")
    assert source_test.outcome == FAILED  # it judged the code: no credit, even where it fails


def test_runs_are_cached_by_what_went_into_them(tests_dir, tmp_path, monkeypatch) -> None:
    cache = tmp_path / "cache"
    Grader(plan(), tests_dir, budget=60, cache=cache).caught()

    def no_runs(*args, **kwargs):
        raise AssertionError("ran again")

    monkeypatch.setattr(suite, "run_targets", no_runs)
    assert Grader(plan(), tests_dir, budget=60, cache=cache).caught() == ("plus_one",)
    (tests_dir / "test_double.py").write_text(TESTS + "\n\ndef test_zero(client):\n"
                                              "    assert client.get('/double/0').get_json()"
                                              " == {'result': 0}\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="ran again"):
        Grader(plan(), tests_dir, budget=60, cache=cache).caught()


def test_no_test_that_can_earn_means_no_run(tmp_path, monkeypatch) -> None:
    empty = tmp_path / "tests"
    empty.mkdir()
    grader = Grader(plan(), empty, budget=60, cache=tmp_path / "cache")
    assert grader.run(REFERENCE).collected == ()
    monkeypatch.setattr(suite, "run_targets", lambda *a, **k: pytest.fail("ran"))
    assert grader.caught() == () and grader.score() == "Your tests caught 0 of 2 bugs."


def test_a_suite_run_survives_json() -> None:
    run = SuiteRun("x", (LearnerTest("t::a", FAILED, "E  assert 1 == 2", ("cli",), (("DB", "x"),)),),
                   ("t::a",), ("err",), ("instance/x.db",), (("DB", "y"),), "/tmp/t", "")
    assert SuiteRun.from_json(run.to_json()) == run


def test_reports_show_pytests_words_for_a_few_and_name_the_rest() -> None:
    tests = [LearnerTest(f"tests/t.py::test_{n}", FAILED, f"E  assert {n}") for n in range(5)]
    text = reports(tests, shown=2)
    assert "tests/t.py::test_0 (failed)\n    E  assert 0" in text
    assert text.endswith("and 3 more: test_2, test_3, test_4")


def test_a_plan_whose_patch_does_not_apply_is_refused(tmp_path) -> None:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "app.py").write_text(APP, encoding="utf-8")
    (tmp_path / "bugs.toml").write_text(
        '[neutral]\n[[neutral.replace]]\nfile = "app.py"\nold = "n * 2"\nnew = "n + n"\n\n'
        '[[bug]]\nid = "b"\nuntested = "no test"\n[[bug.replace]]\nfile = "app.py"\n'
        'old = "n * 2"\nnew = "n * 3"\n', encoding="utf-8")
    with pytest.raises(PlanError, match="occurs 0 times"):
        load_plan(tmp_path / "app", tmp_path / "bugs.toml")


def test_the_lesson_plan_builds_every_app() -> None:
    lesson = load_course().get("19")
    built = load_plan(lesson.starter_dir, lesson.checks_dir / "bugs.toml")
    assert "tests/conftest.py" not in built.app and len(built.bugs) == 37


def test_checks_marked_as_grading_tests_never_load_the_learners_app(tmp_path) -> None:
    """A lesson whose checks grade the learner's tests runs them even without an app.py."""
    root = tmp_path / "course"
    shutil.copytree(TINY, root)
    lesson = load_course(root).get("01")
    for check in lesson.checks_dir.glob("test_*.py"):
        check.unlink()
    (lesson.checks_dir / "test_tests.py").write_text(
        "import pytest\n\npytestmark = pytest.mark.grades_learner_tests\n\n"
        "def test_there_are_tests():\n    '''there are tests'''\n", encoding="utf-8")
    learner = tmp_path / "learner"
    (learner / "tests").mkdir(parents=True)
    report = run_checks(lesson, learner)
    assert report.load_error is None and report.passed


def test_markers_go_before_whole_statements_and_the_app_still_compiles() -> None:
    source = ('import click\n\n\ndef view(n):\n    if n > 1: return "big"\n'
              '    elif n == 1:\n        return "one"\n    total = (n +\n             2)\n'
              '    return total\n\n\n@click.option("--count", type=int)\ndef cmd(count):\n'
              '    pass\n')
    bugs = [Bug("a", "", (Patch("app.py", 'return "big"', 'return "large"'),)),
            Bug("b", "", (Patch("app.py", "n == 1", "n == 2"),)),
            Bug("c", "", (Patch("app.py", "2)", "3)"),)),
            Bug("d", "", (Patch("app.py", "type=int", "type=str"),))]
    marked = mark_bugs({"app.py": source.encode()}, bugs)["app.py"].decode()
    compile(marked, "app.py", "exec")
    lines = marked.splitlines()

    def before(line: str) -> str:
        return lines[lines.index(line) - 1]

    assert before('    if n > 1: return "big"') == "    __flaskcourse_reached__('a', 'b')"
    assert before("    total = (n +") == "    __flaskcourse_reached__('c')"
    assert before('@click.option("--count", type=int)') == "__flaskcourse_reached__('d')"


def test_a_bugs_app_runs_only_the_tests_that_reach_its_change(tests_dir, tmp_path) -> None:
    unreached = Bug("unreached", "no test reads n", (Patch("app.py", 'return int(request.args.get("n", 0))',
                                                           'return int(request.args.get("n", 1))'),))
    graded = Plan({"app.py": APP.encode()}, NEUTRAL_PATCHES, BUGS + (unreached,))
    (tests_dir / "test_double.py").write_text(TESTS.replace("read_n()", "3"), encoding="utf-8")
    grader = Grader(graded, tests_dir, budget=60, cache=tmp_path / "cache")
    good = {n for n in grader.credited()
            if n.endswith(("test_good", "test_assertless", "test_helpers_called_directly"))}
    assert grader.target("plus_one").only == frozenset(good)
    assert grader.target("unreached").only == frozenset()
    assert grader.caught() == ("plus_one",)


@pytest.mark.slow
def test_a_missed_bug_ends_with_the_score_when_every_bug_is_checked(tmp_path) -> None:
    """Lesson 19 on the reference suite without its test of a second loan: the full run (a
    learner's `check`) says how many bugs the suite catches; a run of that one check (`verify`
    of a known-wrong suite) fails the same way, having run only the apps it needs."""
    lesson = load_course().get("19")
    learner = tmp_path / lesson.name
    shutil.copytree(lesson.solution_dir, learner)
    loans = learner / "tests" / "test_loans.py"
    source = loans.read_text(encoding="utf-8")
    start = source.index("def test_a_lent_book_cannot_be_lent_again")
    end = source.index("\ndef ", start + 1)
    loans.write_text(source[:start] + source[end + 1:], encoding="utf-8")

    full = {c.id: c for c in run_checks(lesson, learner).checks}
    assert [i for i, c in full.items() if c.outcome.is_failure] == ["test_catches_lent_twice"]
    assert full["test_catches_lent_twice"].got.endswith(
        "no test lends a book that is already lent. Your tests caught 36 of 37 bugs.")

    (one,) = run_checks(lesson, learner, only=["test_catches_lent_twice"]).checks
    assert one.outcome.is_failure and one.got.endswith("no test lends a book that is already lent.")


def test_planned_apps_are_compiled_once_and_each_run_imports_the_bytecode(tmp_path,
                                                                           monkeypatch) -> None:
    """A run's folder gets the .pyc made when the plan was loaded, checked against the source:
    the app is not compiled again, unless its source is not the one that was compiled."""
    import builtins
    import importlib.util

    source = b"from __future__ import annotations\nVALUE = 1\n"
    suite._compile_ahead({"app.py": source})
    suite._write_folder(tmp_path / "run", {"app.py": source}, tmp_path / "no-tests")
    compiled: list[str] = []
    real = builtins.compile
    monkeypatch.setattr(builtins, "compile",
                        lambda *args, **kwargs: compiled.append(str(args[1])) or real(*args, **kwargs))

    def load() -> object:
        spec = importlib.util.spec_from_file_location("planned_app", tmp_path / "run" / "app.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    assert load().VALUE == 1 and compiled == []
    (tmp_path / "run" / "app.py").write_bytes(source.replace(b"1", b"2"))
    assert load().VALUE == 2 and compiled == [str(tmp_path / "run" / "app.py")]
