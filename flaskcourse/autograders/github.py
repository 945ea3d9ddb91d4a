"""GitHub Classroom's autograding, as a workflow file for a learner's repository.

GitHub Classroom reads points the way its own autograding actions publish them: each grader
step (``classroom-resources/autograding-command-grader``) gives a test name and a max score,
and passes when its command exits 0; ``autograding-grading-reporter`` then adds up the steps it
is given (``runners``, each step's ``result`` output in ``<STEP-ID>_RESULTS``) and reports the
total, which Classroom takes as the grade. The workflow runs ``flaskcourse check NN --junit``
once, then has one grader step per check ask ``flaskcourse autograder passed`` about its check
in that JUnit XML, with the catalog's points as its max score.
"""

from __future__ import annotations

import json
import shlex
import xml.etree.ElementTree as ET
from pathlib import Path, PurePosixPath

from flaskcourse.autograders.wheel import build_wheel
from flaskcourse.catalog import Course, Lesson
from flaskcourse.errors import CourseError
from flaskcourse.grading import Column, columns_for
from flaskcourse.junit import ID_PROPERTY

PYTHON_VERSION = "3.11"
JUNIT = "$HOME/flaskcourse-junit.xml"
"""Outside the checkout, so no file a learner commits can stand in for the results; in $HOME
because the command grader passes its commands PATH and HOME only."""
WHEELS = PurePosixPath(".github/flaskcourse")
CHECKOUT = "actions/checkout@v5"
SETUP_PYTHON = "actions/setup-python@v6"
COMMAND_GRADER = "classroom-resources/autograding-command-grader@v1"
REPORTER = "classroom-resources/autograding-grading-reporter@v1"


def default_output(lesson: Lesson) -> Path:
    return Path(".github") / "workflows" / f"flaskcourse-{lesson.id}.yml"


def build(course: Course, lesson: Lesson, repository: Path, output: Path, folder: str,
          install: str | None) -> list[Path]:
    """Write the workflow to ``output`` (and, unless ``install`` names what pip installs
    instead, the wheel of this flaskcourse under ``.github/flaskcourse`` in ``repository``);
    returns the files written."""
    columns = columns_for(lesson)
    _check_ids(lesson, columns)
    place = PurePosixPath(folder)
    if place.is_absolute() or ".." in place.parts:
        raise CourseError(f"--folder names a place inside the learner's repository, not {folder}.",
                          hint=f"Give a path from its top, such as {lesson.name} (or . for the top).")
    written = []
    if install is None:
        wheel = build_wheel(course, repository / WHEELS)
        install = str(WHEELS / wheel.name)
        written.append(wheel)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(workflow(lesson, columns, folder, install), encoding="utf-8")
    return [output, *written]


def _check_ids(lesson: Lesson, columns: tuple[Column, ...]) -> None:
    """Step ids are the check ids, and the reporter finds each step's result in an environment
    variable named by its id in capitals: ids that differ only in case, or points that are not
    whole (the command grader reads whole numbers), cannot be told apart or kept."""
    upper = [c.id.upper() for c in columns]
    if len(set(upper)) < len(upper):
        raise CourseError(f"Two checks of lesson {lesson.id} differ only in case, which GitHub "
                          "Classroom's reporter cannot tell apart.")
    split = [f"{c.id} ({c.points:g})" for c in columns if c.points != int(c.points)]
    if split:
        raise CourseError(f"GitHub Classroom's grader counts whole points, and lesson "
                          f"{lesson.id} gives {', '.join(split)}.",
                          hint="Give whole points in the lesson's `points` table.")


def _quoted(text: str) -> str:
    """A YAML string (JSON's quoting is YAML's), which GitHub never takes for an expression."""
    return json.dumps(text.replace("${{", "$ {{"), ensure_ascii=False)


def workflow(lesson: Lesson, columns: tuple[Column, ...], folder: str, install: str) -> str:
    """The workflow file's text."""
    home = "${{ runner.temp }}/flaskcourse"
    lines = [
        f"# GitHub Classroom autograding for flaskcourse lesson {lesson.id} ({lesson.title}),",
        f"# written by `flaskcourse autograder github {lesson.id}`. It runs the lesson's checks",
        "# on the learner's files once, then gives each check its points from the course catalog.",
        f"name: {_quoted(f'flaskcourse lesson {lesson.id}')}",
        "on:",
        "  push:",
        "  workflow_dispatch:",
        "permissions:",
        "  checks: write",
        "  actions: read",
        "  contents: read",
        "jobs:",
        "  run-autograding-tests:",
        "    runs-on: ubuntu-latest",
        "    if: github.actor != 'github-classroom[bot]'",
        "    timeout-minutes: 30",
        "    steps:",
        "      - name: Check out the learner's code",
        f"        uses: {CHECKOUT}",
        "      - name: Set up Python",
        f"        uses: {SETUP_PYTHON}",
        "        with:",
        f"          python-version: {_quoted(PYTHON_VERSION)}",
        "      - name: Install flaskcourse",
        "        run: " + _quoted(f"python -m pip install --disable-pip-version-check "
                                 f"{shlex.quote(install)}"),
        f"      - name: {_quoted(f'Run the checks of lesson {lesson.id}')}",
        "        continue-on-error: true",
        "        env:",
        f"          FLASKCOURSE_HOME: {home}",
        f"          LESSON_FILES: {_quoted(folder)}",
        "        run: |",
        f"          rm -f \"{JUNIT}\"",
        "          mkdir -p \"$FLASKCOURSE_HOME/.flaskcourse\"",
        f"          ln -sfn \"$GITHUB_WORKSPACE/$LESSON_FILES\" \"$FLASKCOURSE_HOME/{lesson.name}\"",
        f"          flaskcourse check {lesson.id} --junit \"{JUNIT}\"",
    ]
    for column in columns:
        lines += [
            f"      - name: {_quoted(column.name)}",
            f"        id: {column.id}",
            f"        uses: {COMMAND_GRADER}",
            "        with:",
            f"          test-name: {_quoted(column.name)}",
            f"          command: {_quoted(f'flaskcourse autograder passed {JUNIT} {column.id}')}",
            "          timeout: 1",
            f"          max-score: {int(column.points)}",
        ]
    lines += [
        "      - name: Autograding Reporter",
        f"        uses: {REPORTER}",
        "        env:",
        *(f"          {c.id.upper()}_RESULTS: \"${{{{ steps.{c.id}.outputs.result }}}}\""
          for c in columns),
        "        with:",
        f"          runners: {','.join(c.id for c in columns)}",
    ]
    return "\n".join(lines) + "\n"


def passed(junit: Path, check: str) -> tuple[bool, str]:
    """Whether ``check`` passed in the JUnit XML ``flaskcourse check --junit`` wrote, and what
    to say about it."""
    try:
        suite = ET.parse(junit).getroot()
    except FileNotFoundError:
        return False, (f"No results in {junit}: `flaskcourse check` did not get to write them "
                       "(see its step above).")
    except ET.ParseError as exc:
        return False, f"The results in {junit} cannot be read: {exc}."
    for case in suite.iter("testcase"):
        ids = {p.get("value") for p in case.iter("property") if p.get("name") == ID_PROPERTY}
        if check in ids:
            problem = next((child for child in case if child.tag in ("failure", "error")), None)
            if problem is None:
                return True, f"passed: {case.get('name')}"
            return False, f"{case.get('name')}\n{problem.text or problem.get('message') or ''}"
    loading = next((case for case in suite.iter("testcase") if case.find("error") is not None
                    and case.find("properties") is None), None)
    error = loading.find("error") if loading is not None else None
    if error is not None:
        return False, f"not run: the app did not load. {error.get('message')}"
    return False, f"{check} is not among the results in {junit}."
