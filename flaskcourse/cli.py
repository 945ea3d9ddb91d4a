"""The ``flaskcourse`` command: parse, call the core in ``actions``, render, exit.

Exit codes (a contract): 0 success or every check passed, 1 some check failed, 2 a usage or
setup problem (unknown lesson, no workspace, lesson not started, code that does not load, a
question left without an answer), 130 interrupted with Ctrl-C. ``watch`` and ``serve``, which
run until Ctrl-C, exit 0 then; ``serve`` sent SIGTERM or SIGHUP exits 128 + the signal number.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from flaskcourse import __version__, actions
from flaskcourse.autograders import VISIBILITIES
from flaskcourse.catalog import load_course
from flaskcourse.errors import CourseError

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
T = TypeVar("T")
VERBOSE = click.option("-v", "--verbose", "--all", "verbose", is_flag=True,
                       help="Show every failing check in full, and what your app printed.")


class CourseGroup(click.Group):
    """Catches the learner-facing errors once, at the top, and turns them into exit codes."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CourseError as error:
            if ctx.meta.get("json"):
                import json

                click.echo(json.dumps({"error": {"message": error.message, "hint": error.hint}}))
            _renderer().error(error)
            ctx.exit(error.exit_code)
        except KeyboardInterrupt:
            click.echo("\nInterrupted: nothing was recorded and your files are as they were.",
                       err=True)
            ctx.exit(EXIT_INTERRUPTED)


def _renderer() -> Any:
    from flaskcourse.render import Renderer

    return Renderer()


def _context() -> actions.Context:
    from flaskcourse.workspace import working_dir

    course = load_course()
    return actions.Context(course=course, cwd=working_dir(course))


def _asking(renderer: Any, question: str, default: bool, act: Callable[[bool], T]) -> T | None:
    """``act(False)``; when that needs the learner's confirmation, ask at a terminal and
    ``act(True)`` on yes, None on no. Without a terminal, or at the end of input (Ctrl-D), the
    question stays an error that names the flag (exit 2); Ctrl-C is an interruption (130)."""
    try:
        return act(False)
    except actions.NeedsConfirmation as ask:
        if not sys.stdin.isatty():
            raise
        renderer.say(ask.message, "yellow")
        answer = _confirm(question, default)
        if answer is None:
            raise CourseError("No answer was given (end of input), so nothing was done.",
                              hint=ask.hint) from None
        return act(True) if answer else None


def _confirm(question: str, default: bool) -> bool | None:
    """y or n, asked until one is given; None at the end of input. Not click.confirm: it turns
    Ctrl-C and Ctrl-D alike into "Aborted!" and exit code 1, which means a check failed."""
    choices = "Y/n" if default else "y/N"
    while True:
        try:
            answer = input(f"{question} [{choices}]: ").strip().lower()
        except EOFError:
            click.echo()
            return None
        if not answer:
            return default
        if answer in ("y", "yes", "n", "no"):
            return answer.startswith("y")


def _flush_notices(ctx: actions.Context, renderer: Any) -> None:
    renderer.notices(ctx.notices)
    ctx.notices.clear()


@click.group(cls=CourseGroup, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="flaskcourse")
@click.pass_context
def main(click_ctx: click.Context) -> None:
    """Learn Flask in your terminal: read a lesson, write the app, run the checks."""
    if click_ctx.invoked_subcommand is None:
        ctx, renderer = _context(), _renderer()
        view = actions.overview(ctx)
        _flush_notices(ctx, renderer)
        renderer.home(ctx.course, view)


@main.command("list")
def list_() -> None:
    """The lessons, with their status and the current one."""
    ctx, renderer = _context(), _renderer()
    view = actions.overview(ctx)
    _flush_notices(ctx, renderer)
    renderer.lessons(view)


@main.command()
@click.argument("lesson")
@click.option("--yes", is_flag=True, help="If the lesson's folder was deleted, restore it without asking.")
def start(lesson: str, yes: bool) -> None:
    """Copy lesson LESSON's starter into the workspace and make it current."""
    ctx, renderer = _context(), _renderer()
    result = _asking(renderer, "Restore it?", True,
                     lambda confirmed: actions.start(ctx, lesson, confirmed=yes or confirmed))
    _flush_notices(ctx, renderer)
    if result is None:
        renderer.say("Nothing was changed.")
    else:
        renderer.started(result)


@main.command("next")
def next_() -> None:
    """Start the first lesson not yet passed."""
    ctx, renderer = _context(), _renderer()
    result = actions.next_lesson(ctx)
    _flush_notices(ctx, renderer)
    if result is None:
        renderer.finished(ctx.course)
    else:
        renderer.started(result)


@main.command()
@click.argument("lesson", required=False)
def read(lesson: str | None) -> None:
    """Show the lesson text."""
    ctx, renderer = _context(), _renderer()
    found, text = actions.read(ctx, lesson)
    _flush_notices(ctx, renderer)
    renderer.lesson_text(found, text)


@main.command()
@click.argument("lesson", required=False)
def hint(lesson: str | None) -> None:
    """Show the next hint (one more each time)."""
    ctx, renderer = _context(), _renderer()
    shown = actions.hint(ctx, lesson)
    _flush_notices(ctx, renderer)
    renderer.hint(shown)


@main.command()
@click.argument("lesson", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document and nothing else.")
@click.option("--junit", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write JUnit XML to this file.")
@VERBOSE
@click.pass_context
def check(click_ctx: click.Context, lesson: str | None, as_json: bool, junit: Path | None,
          verbose: bool) -> None:
    """Run the hidden checks on your code for LESSON."""
    click_ctx.meta["json"] = as_json
    ctx, renderer = _context(), _renderer()
    if not as_json:
        _, target, folder = actions.target_for_check(ctx, lesson)
        _flush_notices(ctx, renderer)
        renderer.check_started(target, folder)
    checked = actions.check(ctx, lesson, on_result=None if as_json else renderer.check_line)
    _flush_notices(ctx, renderer)
    if junit is not None:
        from flaskcourse.junit import write_junit

        made = write_junit(checked.report, junit)
        renderer.wrote("JUnit XML", junit.absolute(), made)
    if as_json:
        renderer.report_json(checked.report)
    else:
        renderer.report(checked, verbose=verbose)
    click_ctx.exit(_exit_code(checked.report))


def _exit_code(report: Any) -> int:
    if report.load_error is not None:
        return EXIT_USAGE
    return EXIT_OK if report.passed else EXIT_FAILED


@main.command()
@click.argument("lesson", required=False)
@VERBOSE
def watch(lesson: str | None, verbose: bool) -> None:
    """Run the checks again each time you save a file of the lesson (Ctrl-C stops, exit 0)."""
    import threading

    from flaskcourse.runner import Cancelled
    from flaskcourse.watch import watch_and_run

    ctx, renderer = _context(), _renderer()
    _, target, folder = actions.target_for_check(ctx, lesson)

    def run_once(saved: threading.Event) -> None:
        renderer.watch_run(target, folder)
        try:
            checked = actions.check(ctx, target.id, on_result=renderer.check_line, cancel=saved)
        except Cancelled:
            renderer.run_cancelled()
            return
        _flush_notices(ctx, renderer)
        renderer.report(checked, verbose=verbose, command="watch")
        renderer.watching(folder)

    watch_and_run(folder, run_once)
    renderer.say("Stopped watching.", "dim")


@main.command()
@click.argument("lesson", required=False)
@click.option("--solution", "reference", is_flag=True, help="Serve the reference solution instead.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--debug/--no-debug", default=None,
              help="Werkzeug's in-browser debugger  [default: on for a loopback host only]")
@click.pass_context
def serve(click_ctx: click.Context, lesson: str | None, reference: bool, host: str, port: int,
          debug: bool | None) -> None:
    """Run your app (or the reference) on Flask's development server. Ctrl-C stops it (exit 0);
    SIGTERM or SIGHUP stop it too (exit 128 + the signal number)."""
    from flaskcourse import serve as serving

    ctx, renderer = _context(), _renderer()
    target = actions.serve_target(ctx, lesson, reference)
    found = target.lesson
    debugger = serving.is_loopback(host) if debug is None else debug
    plan = serving.ServePlan(found, target.folder, host, port, reference, debugger,
                             target.instance)
    what = (f"the reference solution of lesson {found.id}" if reference
            else f"your lesson {found.id} ({target.folder})")
    _flush_notices(ctx, renderer)
    click_ctx.exit(serving.run(
        plan, plain=renderer.plain,
        announce=lambda: renderer.serving(plan.url, what, found.serve_note, debugger, host,
                                          target.instance)))


@main.command()
@click.argument("lesson", required=False)
@click.option("--diff", is_flag=True, help="Show how the reference differs from your files.")
@click.option("--yes", is_flag=True, help="Show it even though the lesson is not passed yet.")
def solution(lesson: str | None, diff: bool, yes: bool) -> None:
    """Show the reference solution (after passing, or once you confirm)."""
    ctx, renderer = _context(), _renderer()
    shown = _asking(renderer, "Show the solution anyway?", False,
                    lambda confirmed: actions.solution(ctx, lesson, confirmed=yes or confirmed,
                                                       diff=diff))
    _flush_notices(ctx, renderer)
    if shown is None:
        renderer.say("Nothing was shown.")
    else:
        renderer.solution(shown, diff)


@main.command()
@click.argument("lesson")
@click.option("--to-last-pass", is_flag=True,
              help="Go back to your last version that passed, instead of the starter.")
def reset(lesson: str, to_last_pass: bool) -> None:
    """Put LESSON's starter back; your files are kept in a backup first."""
    ctx, renderer = _context(), _renderer()
    done = actions.reset(ctx, lesson, to_last_pass=to_last_pass)
    _flush_notices(ctx, renderer)
    renderer.reset(ctx.course.get(lesson), done, to_last_pass)


@main.command()
def progress() -> None:
    """How far along you are, with your recent checks."""
    ctx, renderer = _context(), _renderer()
    view = actions.overview(ctx, history=15)
    _flush_notices(ctx, renderer)
    renderer.progress(ctx.course, view)


@main.command()
@click.argument("lessons", nargs=-1)
@click.option("--workers", type=click.IntRange(1, 32),
              help="How many check runs at once  [default: twice the number of cores]")
@click.option("--mutants", is_flag=True,
              help="Also run the checks on one-change mutants of each reference solution")
@click.pass_context
def verify(click_ctx: click.Context, lessons: tuple[str, ...], workers: int | None,
           mutants: bool) -> None:
    """Course self-test: each solution passes, each starter and wrong variant fails, ledgers
    are complete; with --mutants, every mutant a learner could notice is caught."""
    from flaskcourse.verify import mutation_findings, verify_mutants
    from flaskcourse.verify import verify as run_verify

    ctx, renderer = _context(), _renderer()
    chosen = [ctx.course.get(n) for n in lessons] or list(ctx.course.lessons)
    with renderer.verify_progress("verifying") as (bar, task):
        findings = run_verify(
            ctx.course, chosen, workers=workers,
            on_planned=lambda total: bar.update(task, total=total),
            on_finding=lambda _: bar.advance(task))
    if mutants:
        with renderer.verify_progress("mutants") as (bar, task):
            summaries = verify_mutants(
                chosen, workers=workers,
                on_planned=lambda total: bar.update(task, total=total),
                on_result=lambda _: bar.advance(task),
                on_lesson=renderer.mutation_lesson_done)
        findings += [f for summary in summaries for f in mutation_findings(summary)]
    renderer.findings(findings)
    if mutants:
        renderer.mutation_table(summaries)
    click_ctx.exit(EXIT_OK if all(f.ok for f in findings) else EXIT_FAILED)


@main.command()
@click.argument("lesson")
@click.argument("submissions", nargs=-1, required=True, metavar="SUBMISSION...",
                type=click.Path(path_type=Path))
@click.option("--csv", "csv_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write a CSV file: a row per learner, a column per check.")
@click.option("--json", "json_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the whole roster, every check's result included, as JSON.")
@click.option("--junit-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Also write a JUnit XML file per learner into this folder.")
@click.option("--jobs", type=click.IntRange(1, 64),
              help="How many submissions are checked at once  [default: the number of cores]")
@click.pass_context
def grade(click_ctx: click.Context, lesson: str, submissions: tuple[Path, ...],
          csv_file: Path | None, json_file: Path | None, junit_dir: Path | None,
          jobs: int | None) -> None:
    """Grade a class on LESSON: each SUBMISSION a lesson folder, a .zip of one, or a folder of
    them (one per learner, named by it). Each is checked as `check` would, on a copy. Exit 0
    when every submission was graded, 1 when some could not be (the roster says why)."""
    from flaskcourse import roster as written
    from flaskcourse.grading import columns_for
    from flaskcourse.grading import grade as grade_class
    from flaskcourse.submissions import find_submissions

    renderer = _renderer()
    found_lesson = load_course().get(lesson)
    columns_for(found_lesson)  # a catalog whose points name no check fails before any run
    found, notices = find_submissions(found_lesson, submissions)
    renderer.notices(notices)
    with renderer.grading(len(found)) as graded:
        roster = grade_class(found_lesson, found, jobs=jobs, on_graded=graded)
    renderer.roster(roster)
    for path, write, what in ((csv_file, written.write_csv, "CSV"),
                              (json_file, written.write_json, "JSON"),
                              (junit_dir, written.write_junit_dir, "JUnit XML, a file per learner,")):
        if path is not None:
            _, made = _writing(path, lambda target=path, write=write: write(roster, target))
            renderer.wrote(what, path.absolute(), made)
    click_ctx.exit(EXIT_OK if roster.complete else EXIT_FAILED)


def _writing(path: Path, write: Callable[[], T]) -> tuple[T, Path | None]:
    """Run ``write``, making the folders ``path`` needs first; returns what it returned and the
    first folder made (None when none was). A place that cannot be written to is one clear
    message, and a write that fails takes the folders made for it away again."""
    missing = [folder for folder in path.absolute().parents if not folder.exists()]
    try:
        path.absolute().parent.mkdir(parents=True, exist_ok=True)
        done = write()
    except BaseException as exc:
        for folder in missing:
            try:
                folder.rmdir()
            except OSError:
                break
        if not isinstance(exc, OSError):
            raise
        at = f" ({exc.filename})" if exc.filename and Path(exc.filename) != path.absolute() else ""
        raise CourseError(f"Cannot write {path}: {exc.strerror or exc}{at}.",
                          hint="Name a file in a folder you can write to.") from exc
    return done, missing[-1] if missing else None


@main.group(context_settings={"help_option_names": ["-h", "--help"]})
def autograder() -> None:
    """A ready autograder for a platform that runs each submission on its own: Gradescope's
    autograder zip, or a GitHub Classroom workflow."""


VISIBILITY = click.Choice(VISIBILITIES)


@autograder.command("gradescope")
@click.argument("lesson")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the zip  [default: flaskcourse-NN-gradescope.zip]")
@click.option("--visibility", type=VISIBILITY, default="after_due_date", show_default=True,
              help="When learners see each check and what it found.")
@click.option("--stdout-visibility", type=VISIBILITY, default="hidden", show_default=True,
              help="When learners see what the grader printed.")
def autograder_gradescope(lesson: str, output: Path | None, visibility: str,
                          stdout_visibility: str) -> None:
    """Build the zip Gradescope's autograder takes for LESSON: setup.sh, run_autograder and a
    wheel of this flaskcourse, course included."""
    from flaskcourse.autograders import gradescope

    course = load_course()
    found = course.get(lesson)
    target = output or Path(f"flaskcourse-{found.id}-gradescope.zip")
    settings = gradescope.Settings(visibility, stdout_visibility)
    names, made = _writing(target, lambda: gradescope.build(course, found, target, settings))
    _renderer().autograder_made(
        f"Gradescope autograder for lesson {found.id}", target.absolute(), made, names,
        ["Upload it on the assignment's Configure Autograder page (an Ubuntu base image).",
         settings.said])


@autograder.command("github")
@click.argument("lesson")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the workflow  [default: .github/workflows/flaskcourse-NN.yml]")
@click.option("--folder", default=None, metavar="PATH",
              help="Where the lesson's files are in the learner's repository (`.` for its "
                   "top)  [default: the lesson's folder name, as `flaskcourse start` makes it]")
@click.option("--install", metavar="SPEC",
              help="What pip installs instead of the wheel of this flaskcourse that is "
                   "written under .github/flaskcourse (a version, a URL)")
def autograder_github(lesson: str, output: Path | None, folder: str | None,
                      install: str | None) -> None:
    """Write a GitHub Actions workflow for a learner's repository (run this at the top of the
    template repository): it runs `flaskcourse check LESSON --junit` and publishes each
    check's points the way GitHub Classroom's autograding reads them."""
    from flaskcourse.autograders import github

    course = load_course()
    found = course.get(lesson)
    target = output or github.default_output(found)
    files, made = _writing(target, lambda: github.build(
        course, found, Path("."), target, folder or found.name, install))
    _renderer().autograder_made(
        f"GitHub Classroom workflow for lesson {found.id}", target.absolute(), made,
        [str(path) for path in files],
        ["Commit these files to the assignment's template repository.",
         f"The learner's files are expected in {folder or found.name}/ of the repository."])


@autograder.command("gradescope-run", hidden=True)
@click.argument("lesson")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path),
              help="The autograder's folder  [default: $FLASKCOURSE_AUTOGRADER_ROOT, else /autograder]")
@click.option("--visibility", type=VISIBILITY, default="after_due_date")
@click.option("--stdout-visibility", type=VISIBILITY, default="hidden")
def autograder_gradescope_run(lesson: str, root: Path | None, visibility: str,
                              stdout_visibility: str) -> None:
    """Inside Gradescope's container (run_autograder runs it): grade the submission and write
    results/results.json. Exit 0 once the results are written, whatever the score."""
    from flaskcourse.autograders import gradescope

    found = load_course().get(lesson)
    graded, path = gradescope.run(found, root or gradescope.default_root(),
                                  gradescope.Settings(visibility, stdout_visibility))
    renderer = _renderer()
    if graded.report is not None:
        for result in graded.report.checks:
            renderer.check_line(result)
    renderer.say(f"{graded.note or 'graded'}: {graded.score:g} points; written to {path}")


@autograder.command("passed", hidden=True)
@click.argument("junit", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("check_id")
@click.pass_context
def autograder_passed(click_ctx: click.Context, junit: Path, check_id: str) -> None:
    """For a grader step of the GitHub workflow: exit 0 when CHECK_ID passed in the JUnit XML
    that `flaskcourse check --junit` wrote, 1 when it did not."""
    from flaskcourse.autograders.github import passed

    ok, said = passed(junit, check_id)
    _renderer().say(said, "green" if ok else "red")
    click_ctx.exit(EXIT_OK if ok else EXIT_FAILED)
