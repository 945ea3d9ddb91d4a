"""Autograders for Gradescope and GitHub Classroom, proven without either platform: the wheel
they carry, Gradescope's zip run under a stand-in /autograder in a fresh virtual environment
with results.json held to a schema written from Gradescope's documentation, and the GitHub
workflow held to actionlint and run step by step as the runner would."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import jsonschema
import pytest
import yaml

from flaskcourse.autograders import gradescope, github
from flaskcourse.autograders.wheel import build_wheel
from flaskcourse.catalog import load_course
from flaskcourse.grading import columns_for
from flaskcourse.verify import build_variant, load_variants
from tests.conftest import REPO, TINY, write

SCHEMA = json.loads((Path(__file__).parent / "gradescope_results.schema.json").read_text())
GOOD = (TINY / "solutions/01-greet/app.py").read_text()
STARTER = (TINY / "exercises/01-greet/app.py").read_text()
BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    """A linter from the project's test extra (`pip install -e .[test]`), next to Python."""
    found = BIN / name
    assert found.exists(), f"{name} is missing: install the test extra (pip install -e '.[test]')"
    return str(found)


def results_of(root: Path) -> dict:
    data = json.loads((root / "results/results.json").read_text())
    jsonschema.validate(data, SCHEMA)
    return data


# The wheel ---------------------------------------------------------------------------------

def test_the_wheel_carries_the_package_the_course_and_true_metadata(tmp_path: Path) -> None:
    wheel = build_wheel(load_course(TINY), tmp_path)
    assert wheel.name == "flaskcourse-0.1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as opened:
        names = set(opened.namelist())
        info = "flaskcourse-0.1.0.dist-info"
        assert {"flaskcourse/cli.py", "flaskcourse/checking/checks.ini",
                "flaskcourse/autograders/scripts/setup.sh",
                "flaskcourse/_data/course/course.toml", "flaskcourse/_data/checks/01-greet/test_greet.py",
                "flaskcourse/_data/variants/01-greet/wrong-status/variant.toml"} <= names
        assert not any("__pycache__" in name for name in names)
        metadata = opened.read(f"{info}/METADATA").decode()
        project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
        assert [line.removeprefix("Requires-Dist: ") for line in metadata.splitlines()
                if line.startswith("Requires-Dist:")] == project["dependencies"]
        assert opened.read(f"{info}/entry_points.txt").decode() == \
            "[console_scripts]\nflaskcourse = flaskcourse.cli:main\n"
        for line in opened.read(f"{info}/RECORD").decode().splitlines():
            name, digest, size = line.split(",")
            if name.endswith("RECORD"):
                continue
            data = opened.read(name)
            assert digest == "sha256=" + base64.urlsafe_b64encode(
                hashlib.sha256(data).digest()).rstrip(b"=").decode() and int(size) == len(data)
    again = build_wheel(load_course(TINY), tmp_path / "again")
    assert again.read_bytes() == wheel.read_bytes(), "the same files make the same wheel"


# Gradescope ---------------------------------------------------------------------------------

def test_the_gradescope_zip_holds_setup_run_and_wheel_at_its_root(cli, tmp_path: Path) -> None:
    result = cli("autograder", "gradescope", "01", "-o", str(tmp_path / "ag.zip"),
                 "--visibility", "visible")
    assert result.exit_code == 0, result.output
    assert f"Gradescope autograder for lesson 01 written to {tmp_path / 'ag.zip'}" in result.output
    with zipfile.ZipFile(tmp_path / "ag.zip") as opened:
        members = {info.filename: info for info in opened.infolist()}
        assert list(members) == ["setup.sh", "run_autograder", "flaskcourse-0.1.0-py3-none-any.whl"]
        for script in ("setup.sh", "run_autograder"):
            assert (members[script].external_attr >> 16) & 0o111, f"{script} is not executable"
            assert "@" not in opened.read(script).decode().replace("$@", "")
        run = opened.read("run_autograder").decode()
    assert "autograder gradescope-run 01 --root \"$root\" --visibility visible " \
           "--stdout-visibility hidden" in run


def test_the_gradescope_scripts_pass_shellcheck() -> None:
    scripts = gradescope.SCRIPTS
    done = subprocess.run([tool("shellcheck"), "-s", "bash", str(scripts / "setup.sh"),
                           str(scripts / "run_autograder")], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout


@pytest.mark.parametrize(("files", "score", "loads"), [
    ({"app.py": GOOD}, 2, "app.py loaded, and the 2 checks of lesson 01 ran."),
    ({"app.py": STARTER}, 0, "app.py loaded"),
    ({"01-greet/app.py": GOOD}, 2, "app.py loaded"),
    ({"main.py": GOOD}, 0, "Your submission could not be graded: no app.py"),
    ({"app.py": "def broken(:\n"}, 0, "Your app did not load (app.py, line 1)"),
])
def test_a_gradescope_run_writes_results_in_gradescopes_format(tiny, tmp_path: Path, files,
                                                               score: int, loads: str) -> None:
    write(tmp_path / "submission", files)
    graded, path = gradescope.run(tiny.get("01"), tmp_path, gradescope.Settings())
    data = results_of(tmp_path)
    assert path == tmp_path / "results/results.json"
    assert data["score"] == score == graded.score
    first, *checks = data["tests"]
    assert first["name"] == "your submission loads" and first["visibility"] == "visible"
    assert loads in first["output"] and "score" not in first
    assert [t["name"] for t in checks] == ["greets Ada by name",
                                           "a missing name gives 400 naming the parameter"]
    assert {t["visibility"] for t in checks} == {"after_due_date"}
    assert all(t["max_score"] == 1 for t in checks)
    assert "shown after the due date" in data["output"] and "of 2 checks pass" not in data["output"]


def test_gradescope_details_say_request_expected_and_got_when_visible(tiny, tmp_path: Path) -> None:
    write(tmp_path / "submission", {"app.py": STARTER})
    gradescope.run(tiny.get("01"), tmp_path, gradescope.Settings("visible", "visible"))
    data = results_of(tmp_path)
    assert data["output"] == "0 of 2 checks pass (0 of 2 points)."
    assert data["stdout_visibility"] == "visible"
    missing = data["tests"][2]
    assert missing["status"] == "failed" and missing["score"] == 0
    assert "request: GET /greet\nexpected: status 400\ngot: status 200" in missing["output"]
    assert missing["extra_data"] == {"id": "test_missing_name_is_400", "outcome": "failed"}


def test_an_upload_gradescope_left_zipped_is_unpacked_and_nothing_is_a_result(tiny,
                                                                              tmp_path: Path) -> None:
    (tmp_path / "submission").mkdir()
    with zipfile.ZipFile(tmp_path / "submission/work.zip", "w") as archive:
        archive.writestr("app.py", GOOD)
    assert gradescope.run(tiny.get("01"), tmp_path, gradescope.Settings())[0].score == 2
    shutil.rmtree(tmp_path / "submission")
    gradescope.run(tiny.get("01"), tmp_path, gradescope.Settings())
    assert "nothing was submitted" in results_of(tmp_path)["tests"][0]["output"]


def dependency_site(root: Path) -> Path:
    """The project's installed dependencies without flaskcourse itself, as one folder: a venv
    that reads it (through a .pth file) has every dependency, so installing the wheel asks no
    package index, and the flaskcourse it runs can only be the wheel's."""
    site = Path(sysconfig.get_paths()["purelib"])
    deps = root / "deps"
    deps.mkdir()
    for entry in site.iterdir():
        name = entry.name.lower()
        if name.startswith(("flaskcourse", "_flaskcourse", "_editable_impl_flaskcourse",
                            "__editable__", "pip")) or name.endswith(".pth"):
            continue
        (deps / entry.name).symlink_to(entry)
    return deps


def run_autograder(root: Path, files: dict[str, str] | Path, env: dict[str, str]) -> dict:
    submission = root / "submission"
    shutil.rmtree(submission, ignore_errors=True)
    if isinstance(files, Path):
        shutil.copytree(files, submission)
    else:
        write(submission, files)
    done = subprocess.run([str(root / "run_autograder")], cwd=root, env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return results_of(root)


@pytest.mark.slow
def test_the_gradescope_zip_installs_into_a_fresh_venv_and_grades_lesson_11(tmp_path: Path) -> None:
    course = load_course(REPO)
    lesson = course.get("11")
    zipped = tmp_path / "autograder.zip"
    gradescope.build(course, lesson, zipped, gradescope.Settings())
    root = tmp_path / "autograder"
    with zipfile.ZipFile(zipped) as opened:
        opened.extractall(root / "source")
    for script in ("setup.sh", "run_autograder"):
        (root / "source" / script).chmod(0o755)
    shutil.copy2(root / "source/run_autograder", root / "run_autograder")
    venv = root / "flaskcourse-venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    purelib = subprocess.run([str(venv / "bin/python"), "-c",
                              "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    Path(purelib, "dependencies.pth").write_text(f"{dependency_site(tmp_path)}\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FLASKCOURSE_", "PIP_"))}
    env.update({gradescope.ROOT_ENV: str(root), "PIP_NO_INDEX": "1"})
    setup = subprocess.run(["bash", str(root / "source/setup.sh")], cwd=root, env=env,
                           capture_output=True, text=True, timeout=600)
    assert setup.returncode == 0, setup.stdout + setup.stderr
    assert "Successfully installed flaskcourse-0.1.0" in setup.stdout
    where = subprocess.run([str(venv / "bin/python"), "-c",
                            "import flaskcourse; print(flaskcourse.__file__)"],
                           cwd=root, capture_output=True, text=True, check=True).stdout
    assert where.startswith(purelib), "the venv must run the wheel's flaskcourse"

    reference = run_autograder(root, lesson.solution_dir, env)
    assert reference["score"] == len(columns_for(lesson)) == len(reference["tests"]) - 1
    assert {t["status"] for t in reference["tests"]} == {"passed"}

    (variant,) = [v for v in load_variants(lesson) if v.name == "zero-gives-400"]
    wrong = tmp_path / "wrong"
    wrong.mkdir()
    build_variant(variant, wrong)
    graded = run_autograder(root, wrong, env)
    failed = {t["extra_data"]["id"] for t in graded["tests"][1:] if t["status"] == "failed"}
    assert set(variant.must_fail) <= failed
    assert graded["score"] == reference["score"] - len(failed)

    broken = run_autograder(root, {"app.py": "import flask_nothing\n"}, env)
    assert broken["score"] == 0 and broken["tests"][0]["status"] == "failed"
    assert "flask_nothing" in broken["tests"][0]["output"]


def test_run_autograder_still_writes_a_result_when_the_grader_fails(tiny, tmp_path: Path) -> None:
    """No flaskcourse in the image (setup.sh failed): the learner is told, not left waiting."""
    gradescope.build(tiny, tiny.get("01"), tmp_path / "ag.zip", gradescope.Settings())
    root = tmp_path / "autograder"
    with zipfile.ZipFile(tmp_path / "ag.zip") as opened:
        opened.extract("run_autograder", root)
    runner = root / "run_autograder"
    runner.chmod(0o755)
    done = subprocess.run([str(runner)], env={**os.environ, gradescope.ROOT_ENV: str(root)},
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 127
    data = results_of(root)
    assert data["score"] == 0 and "exit code 127" in data["output"]


# GitHub Classroom ---------------------------------------------------------------------------

def workflow_of(home: Path) -> dict:
    return yaml.safe_load((home / ".github/workflows/flaskcourse-01.yml").read_text())


def test_the_workflow_passes_actionlint_and_shellcheck(cli, home: Path) -> None:
    result = cli("autograder", "github", "01")
    assert result.exit_code == 0, result.output
    assert "  + .github/workflows/flaskcourse-01.yml" in result.output
    assert "  + .github/flaskcourse/flaskcourse-0.1.0-py3-none-any.whl" in result.output
    done = subprocess.run([tool("actionlint"), "-shellcheck", tool("shellcheck"), "-no-color",
                           ".github/workflows/flaskcourse-01.yml"], cwd=home,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def tiny_with_points(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, points: str) -> None:
    course = shutil.copytree(TINY, tmp_path / "course")
    catalog = course / "course/course.toml"
    catalog.write_text(catalog.read_text().replace(
        "time_limit = 3", f"time_limit = 3\npoints = {points}"))
    monkeypatch.setenv("FLASKCOURSE_COURSE_DIR", str(course))


def test_each_check_is_a_grader_step_worth_its_points_and_the_reporter_reads_them_all(
        cli, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tiny_with_points(tmp_path, monkeypatch, "{ test_missing_name_is_400 = 3 }")
    assert cli("autograder", "github", "01", "--folder", ".").exit_code == 0
    steps = workflow_of(home)["jobs"]["run-autograding-tests"]["steps"]
    install = next(s for s in steps if s["name"] == "Install flaskcourse")
    wheel = ".github/flaskcourse/flaskcourse-0.1.0-py3-none-any.whl"
    assert wheel in install["run"] and (home / wheel).is_file()
    graders = [s for s in steps if s.get("uses", "").startswith(github.COMMAND_GRADER)]
    assert [(s["id"], s["with"]["max-score"]) for s in graders] == [
        ("test_greets_by_name", 1), ("test_missing_name_is_400", 3)]
    reporter = steps[-1]
    assert reporter["uses"] == github.REPORTER
    assert reporter["with"]["runners"] == "test_greets_by_name,test_missing_name_is_400"
    assert reporter["env"] == {
        "TEST_GREETS_BY_NAME_RESULTS": "${{ steps.test_greets_by_name.outputs.result }}",
        "TEST_MISSING_NAME_IS_400_RESULTS": "${{ steps.test_missing_name_is_400.outputs.result }}"}


def test_points_a_command_grader_cannot_count_are_refused(cli, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    tiny_with_points(tmp_path, monkeypatch, "{ test_missing_name_is_400 = 1.5 }")
    result = cli("autograder", "github", "01")
    assert result.exit_code == 2
    assert "counts whole points, and lesson 01 gives test_missing_name_is_400 (1.5)" in result.output


def test_install_names_what_pip_installs_instead_of_a_wheel(cli, home: Path) -> None:
    spec = "flaskcourse @ git+https://example.org/course.git#egg=flaskcourse"
    assert cli("autograder", "github", "01", "--install", spec).exit_code == 0
    steps = workflow_of(home)["jobs"]["run-autograding-tests"]["steps"]
    install = next(s for s in steps if s["name"] == "Install flaskcourse")
    assert install["run"].endswith(f"--disable-pip-version-check '{spec}'")
    assert cli("autograder", "github", "01", "--install", "flaskcourse==0.1.0").exit_code == 0
    steps = workflow_of(home)["jobs"]["run-autograding-tests"]["steps"]
    install = next(s for s in steps if s["name"] == "Install flaskcourse")
    assert install["run"] == "python -m pip install --disable-pip-version-check flaskcourse==0.1.0"
    assert not (home / ".github/flaskcourse").exists() and len(steps) == 7


@pytest.mark.slow
@pytest.mark.parametrize(("app", "exit_code", "passing"), [
    (GOOD, 0, {"test_greets_by_name", "test_missing_name_is_400"}),
    (STARTER, 1, set()),
    ("import nothing_here\n", 2, set()),
])
def test_the_workflow_steps_grade_as_the_runner_would_run_them(cli, home: Path, tmp_path: Path,
                                                               app: str, exit_code: int,
                                                               passing: set[str]) -> None:
    """The check step's script in bash with the runner's variables, then each grader step's
    command the way the command grader runs it (a shell with PATH and HOME only): exit 0 is a
    pass worth max-score."""
    assert cli("autograder", "github", "01").exit_code == 0
    write(home / "01-greet", {"app.py": app})
    steps = workflow_of(home)["jobs"]["run-autograding-tests"]["steps"]
    runner_home, runner_temp = tmp_path / "runner-home", tmp_path / "runner-temp"
    runner_home.mkdir()
    runner_temp.mkdir()
    (runner_home / "flaskcourse-junit.xml").write_text("<testsuite/>")  # a stale file goes first
    check = next(s for s in steps if s["name"] == "Run the checks of lesson 01")
    env = {**os.environ, "HOME": str(runner_home), "GITHUB_WORKSPACE": str(home),
           "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
           **{k: v.replace("${{ runner.temp }}", str(runner_temp)) for k, v in check["env"].items()}}
    done = subprocess.run(["bash", "-e", "-c", check["run"]], cwd=home, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == exit_code, done.stdout + done.stderr
    graded = set()
    for step in steps:
        if step.get("uses", "").startswith(github.COMMAND_GRADER):
            ran = subprocess.run(step["with"]["command"], shell=True, cwd=home, timeout=60,
                                 env={"PATH": env["PATH"], "HOME": str(runner_home)},
                                 capture_output=True, text=True)
            assert ran.returncode in (0, 1), ran.stdout + ran.stderr
            if ran.returncode == 0:
                graded.add(step["id"])
    assert graded == passing


def junit_of(tmp_path: Path, tiny, app: str) -> Path:
    from flaskcourse.junit import write_junit
    from flaskcourse.runner import run_checks

    folder = write(tmp_path / "01-greet", {"app.py": app})
    write_junit(run_checks(tiny.get("01"), folder), tmp_path / "junit.xml")
    return tmp_path / "junit.xml"


def test_passed_reads_a_checks_result_by_its_id_from_the_junit_xml(tiny, tmp_path: Path) -> None:
    junit = junit_of(tmp_path, tiny, STARTER.replace('"Hello!"', '"Hello, Ada!"'))
    assert github.passed(junit, "test_greets_by_name") == (True, "passed: greets Ada by name")
    ok, said = github.passed(junit, "test_missing_name_is_400")
    assert not ok and said.startswith("a missing name gives 400 naming the parameter\n")
    assert "expected: status 400" in said
    assert github.passed(junit, "test_unknown") == (
        False, f"test_unknown is not among the results in {junit}.")


def test_passed_fails_every_check_when_there_are_no_results_to_trust(tiny, tmp_path: Path) -> None:
    junit = junit_of(tmp_path, tiny, "import nothing_here\n")
    ok, said = github.passed(junit, "test_greets_by_name")
    assert not ok and said.startswith("not run: the app did not load.")
    assert not github.passed(tmp_path / "missing.xml", "test_greets_by_name")[0]
    (tmp_path / "bad.xml").write_text("<testsuite")
    assert "cannot be read" in github.passed(tmp_path / "bad.xml", "test_greets_by_name")[1]


@pytest.mark.parametrize("folder", ["/home/learner", "../elsewhere", "a/../../b"])
def test_the_lesson_folder_must_be_inside_the_learners_repository(cli, home: Path, folder: str) -> None:
    result = cli("autograder", "github", "01", "--folder", folder)
    assert result.exit_code == 2
    assert f"--folder names a place inside the learner's repository, not {folder}." in result.output
    assert not (home / ".github").exists()
