"""Lesson 19: the checks grade the learner's tests, not an app.

The learner's tests/ folder runs against the course's own copy of the app (the starter's
app.py, whatever the learner did to theirs), against a rewrite of it that behaves the same, and
against thirty-seven copies of that rewrite with one bug planted in each (bugs.toml). How, and
the credit rule, are in flaskcourse.checking.suite. Every check reads the same runs: each app
runs once per suite, and the results are cached for the checks after it.
"""

from pathlib import Path

import pytest
# The app's database driver, imported here so the warm runner imports it once: otherwise every
# run of the learner's tests (one per planted bug) would import it again for its first engine.
import sqlalchemy.dialects.sqlite.pysqlite  # noqa: F401

from flaskcourse.catalog import load_course
from flaskcourse.checking import learner
from flaskcourse.checking.suite import Grader, Plan, load_plan

HERE = Path(__file__).resolve().parent
BUDGET = 100.0
"""Seconds one check may spend running the learner's tests (the lesson's time limit is 120)."""
PROBES = {
    "cli": "flask.testing:FlaskCliRunner.invoke",
    "request_context": "flask.app:Flask.test_request_context",
    "page_args": "app:page_args",
}
"""What the checks watch the learner's tests call directly (see checking.suite)."""


def _load_plan() -> Plan:
    lesson = load_course(HERE.parents[1]).by_folder(HERE.name)
    return load_plan(lesson.starter_dir, HERE / "bugs.toml", probes=PROBES,
                     record_config=("SQLALCHEMY_DATABASE_URI",))


PLAN = _load_plan()
"""Made while the checks are collected: `verify` collects them once for all its runs of this
lesson (see flaskcourse.prepared), so the 39 apps are built and checked once, not per run."""


@pytest.fixture(scope="session")
def plan() -> Plan:
    return PLAN


@pytest.fixture(scope="session")
def grader(plan: Plan) -> Grader:
    return Grader(plan, learner.code_dir() / "tests", budget=BUDGET)


@pytest.fixture(scope="session")
def every_bug_checked(request: pytest.FixtureRequest, plan: Plan) -> bool:
    """Whether this run goes through the check of every planted bug (``test_catches_<bug
    id>``), as a learner's `check` always does. Only then does a bug's check run every bug's
    app at once and end with the score ("Your tests caught 7 of 9 bugs."); a run of a few
    checks (`verify` runs only those a known-wrong suite must fail), or one that stops at the
    first failure (mutation testing), runs just the apps its checks need."""
    if request.config.option.maxfail:
        return False
    selected = {item.name for item in request.session.items}
    return {f"test_catches_{bug.id}" for bug in plan.bugs} <= selected
