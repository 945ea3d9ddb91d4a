"""The course self-test: every solution passes, every starter fails, every variant as declared.

A variant is the reference solution with one realistic mistake (it must be caught by the checks
it names) or a correct solution in another style (it must pass). Together they prove that the
checks bite and that they do not insist on the reference's shape.
"""

from __future__ import annotations

import functools
import os
import shutil
import tempfile
import threading
import tomllib
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from flaskcourse import stack_room
from flaskcourse.catalog import Course, Lesson
from flaskcourse.errors import CourseError
from flaskcourse.files import copy_tree, learner_files
from flaskcourse.grading import unknown_points
from flaskcourse.ledger import in_lesson_text, ledger_problems
from flaskcourse.mutants import (
    MutantResult,
    MutationSummary,
    Verdict,
    load_excuses,
    mutants_of,
    run_mutant,
)
from flaskcourse.prepared import PreparedSessions
from flaskcourse.report import LessonReport, Outcome
from flaskcourse.runner import RunSettings, in_memory, run_checks
from flaskcourse.textcheck import text_problems

VARIANT_FILE = "variant.toml"
BASES: dict[str, Callable[[Lesson], Path] | None] = {
    "solution": lambda lesson: lesson.solution_dir,
    "starter": lambda lesson: lesson.starter_dir,  # for a lesson whose learner writes tests/
    "none": None,  # the variant brings every file
}
MIN_HINTS = 3


@dataclass(frozen=True)
class Replacement:
    file: str
    old: str
    new: str


@dataclass(frozen=True)
class Variant:
    lesson: Lesson
    name: str
    folder: Path
    description: str
    should_pass: bool
    must_fail: tuple[str, ...]
    base: str
    replacements: tuple[Replacement, ...]
    breaks: str = ""


def load_variants(lesson: Lesson) -> list[Variant]:
    folder = lesson.variants_dir
    if not folder.is_dir():
        return []
    return [load_variant(lesson, path) for path in sorted(folder.iterdir())
            if (path / VARIANT_FILE).is_file()]


def load_variant(lesson: Lesson, folder: Path) -> Variant:
    path = folder / VARIANT_FILE
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        expect = data["expect"]
        if expect not in ("pass", "fail"):
            raise ValueError("expect must be 'pass' or 'fail'")
        base = data.get("base", "solution")
        if base not in BASES:
            raise ValueError(f"base must be one of {', '.join(map(repr, BASES))}")
        replacements = tuple(Replacement(r["file"], r["old"], r["new"]) for r in data.get("replace", []))
        must_fail = tuple(data.get("must_fail", []))
    except (KeyError, ValueError, TypeError, tomllib.TOMLDecodeError) as exc:
        raise CourseError(f"The variant {path} is malformed: {exc}.") from exc
    return Variant(lesson, folder.name, folder, str(data.get("description", "")),
                   expect == "pass", must_fail, base, replacements, str(data.get("breaks", "")))


def build_variant(variant: Variant, target: Path) -> None:
    """Write the variant's files into ``target``: the base, its replacements, its own files."""
    base = BASES[variant.base]
    if base is not None:
        copy_tree(base(variant.lesson), target, overwrite=True)
    for change in variant.replacements:
        path = target / change.file
        text = path.read_text(encoding="utf-8") if path.is_file() else ""
        found = text.count(change.old)
        if found != 1:
            raise CourseError(f"Variant {variant.name} of lesson {variant.lesson.id}: the text to "
                              f"replace occurs {found} times in {change.file}, not once.")
        path.write_text(text.replace(change.old, change.new), encoding="utf-8")
    for rel in learner_files(variant.folder):
        if rel.name != VARIANT_FILE:
            target.joinpath(rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(variant.folder / rel, target / rel)


@dataclass(frozen=True)
class Finding:
    """One verified claim about a lesson, true or not."""

    lesson: Lesson
    subject: str
    ok: bool
    detail: str = ""


def _failures(report: LessonReport) -> str:
    if report.load_error:
        return f"could not load: {report.load_error.message}"
    bad = [f"{c.id} ({c.outcome.value}: {c.message.splitlines()[0] if c.message else ''})"
           for c in report.checks if c.outcome is not Outcome.PASSED]
    return "; ".join(bad)


def judge_solution(lesson: Lesson, report: LessonReport, subject: str = "solution") -> Finding:
    return Finding(lesson, subject, report.passed, "" if report.passed else _failures(report))


def judge_starter(lesson: Lesson, report: LessonReport) -> Finding:
    if report.load_error:
        return Finding(lesson, "starter", False, f"does not load: {report.load_error.message}")
    broken = [c.id for c in report.checks if c.outcome is Outcome.ERROR]
    if broken:
        return Finding(lesson, "starter", False, "checks that could not check: " + ", ".join(broken))
    if not report.failed_ids():
        return Finding(lesson, "starter", False, "the starter passes every check")
    return Finding(lesson, "starter", True)


def judge_wrong(variant: Variant, report: LessonReport) -> Finding:
    subject = f"variant {variant.name}"
    if report.load_error:
        return Finding(variant.lesson, subject, False, f"does not load: {report.load_error.message}")
    if variant.breaks and not in_lesson_text(variant.lesson, variant.breaks):
        return Finding(variant.lesson, subject, False,
                       f'quotes "{variant.breaks[:60]}", which the lesson text does not say')
    if not variant.must_fail:
        caught = sorted(report.failed_ids())
        return Finding(variant.lesson, subject, False,
                       "names no must_fail; " + ("caught now by " + ", ".join(caught) if caught
                                                 else "it passes every check"))
    known = {c.id for c in report.checks}
    unknown = [c for c in variant.must_fail if c not in known]
    if unknown:
        return Finding(variant.lesson, subject, False, "names checks that do not exist: " + ", ".join(unknown))
    missed = [c for c in variant.must_fail if c not in report.failed_ids()]
    if missed:
        return Finding(variant.lesson, subject, False, "not caught by " + ", ".join(missed))
    return Finding(variant.lesson, subject, True, variant.description)


def static_findings(lesson: Lesson) -> list[Finding]:
    """What can be checked without running anything (rustlings' course lint)."""
    problems = []
    if not lesson.text_path.is_file():
        problems.append(f"no lesson text at {lesson.text_path}")
    if len(lesson.hints) < MIN_HINTS:
        problems.append(f"{len(lesson.hints)} hints; a lesson needs at least {MIN_HINTS}")
    for folder in (lesson.starter_dir, lesson.solution_dir):
        if not (folder / "app.py").is_file():
            problems.append(f"no app.py in {folder}")
    if not any(lesson.checks_dir.glob("test_*.py")):
        problems.append(f"no test_*.py in {lesson.checks_dir}")
    starter = {str(p) for p in learner_files(lesson.starter_dir)} if lesson.starter_dir.is_dir() else set()
    solution = {str(p) for p in learner_files(lesson.solution_dir)} if lesson.solution_dir.is_dir() else set()
    if starter - solution:
        problems.append("starter files missing from the solution: " + ", ".join(sorted(starter - solution)))
    if lesson.checks_dir.is_dir():
        problems.extend(ledger_problems(lesson))
        if unknown := unknown_points(lesson):
            problems.append("points given to checks the lesson does not have: " + ", ".join(unknown))
    return [Finding(lesson, "course data", not problems, "; ".join(problems))]


Task = Callable[[], Finding]


def _run(lesson: Lesson, folder: Path, sessions: PreparedSessions | None, *,
         shown: Path | None = None, only: tuple[str, ...] | None = None) -> LessonReport:
    """The checks of ``lesson`` on ``folder``, as `check` runs them, with the copy in memory."""
    settings = RunSettings(time_limit=lesson.time_limit, scratch_root=in_memory(),
                           sessions=sessions)
    return run_checks(lesson, folder, shown=shown, settings=settings, only=only)


def _variant_task(variant: Variant, sessions: PreparedSessions | None) -> Task:
    def run() -> Finding:
        with tempfile.TemporaryDirectory(prefix="flaskcourse-variant-", dir=in_memory()) as tmp:
            target = Path(tmp) / variant.lesson.name
            target.mkdir()
            try:
                build_variant(variant, target)
            except CourseError as exc:
                return Finding(variant.lesson, f"variant {variant.name}", False, exc.message)
            # A known-wrong variant is judged by the checks it names alone: running only those
            # keeps verify fast as the number of variants grows.
            only = None if variant.should_pass else variant.must_fail
            report = _run(variant.lesson, target, sessions, shown=variant.folder, only=only)
        if variant.should_pass:
            return judge_solution(variant.lesson, report, f"variant {variant.name}")
        return judge_wrong(variant, report)
    return run


def judge_text(lesson: Lesson) -> Finding:
    """The lesson text's examples run as shown (see ``textcheck``)."""
    problems = text_problems(lesson)
    return Finding(lesson, "lesson text", not problems, "; ".join(map(str, problems)))


def tasks_for(lesson: Lesson, sessions: PreparedSessions | None = None) -> list[Task]:
    """Every run that verifying one lesson takes; each returns its finding. With ``sessions``,
    the runs fork from the lesson's prepared session (see ``flaskcourse.prepared``)."""
    return [
        lambda: judge_text(lesson),
        lambda: judge_solution(lesson, _run(lesson, lesson.solution_dir, sessions)),
        lambda: judge_starter(lesson, _run(lesson, lesson.starter_dir, sessions)),
        *(_variant_task(v, sessions) for v in load_variants(lesson)),
    ]


def verify(course: Course, lessons: Iterable[Lesson], *, workers: int | None = None,
           on_finding: Callable[[Finding], None] | None = None,
           on_planned: Callable[[int], None] | None = None) -> list[Finding]:
    """Run every task of the given lessons on ``workers`` threads (each drives a child process).

    By default twice as many runs as cores go at once: many checks wait (for a thread's delay,
    a server starting), and a waiting run leaves its core to another.
    """
    workers = workers or 2 * (os.cpu_count() or 1)
    chosen = list(lessons)
    findings = [f for lesson in chosen for f in static_findings(lesson)]
    # A lesson whose checks wait for real time (threads, servers) has a raised time limit: its
    # runs go first, so their waiting overlaps with the other lessons' work instead of ending
    # the whole run alone.
    slow_first = sorted(chosen, key=lambda lesson: -lesson.time_limit)
    with PreparedSessions() as sessions, ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        tasks = _ending_each_lesson([(lesson, task) for lesson in slow_first
                                     for task in tasks_for(lesson, sessions)], sessions)
        if on_planned:
            on_planned(len(tasks))
        for finding in pool.map(stack_room.call_with_room, tasks):
            findings.append(finding)
            if on_finding:
                on_finding(finding)
    order = {lesson.id: i for i, lesson in enumerate(course.lessons)}
    return sorted(findings, key=lambda f: order.get(f.lesson.id, 0))


Result = TypeVar("Result")


def _ending_each_lesson(jobs: list[tuple[Lesson, Callable[[], Result]]],
                        sessions: PreparedSessions) -> list[Callable[[], Result]]:
    """The jobs, each ending its lesson's prepared session when it is the lesson's last to
    finish: with many lessons verified, only those under way keep a process."""
    left = Counter(lesson.checks_dir for lesson, _ in jobs)
    lock = threading.Lock()

    def ending(lesson: Lesson, job: Callable[[], Result]) -> Callable[[], Result]:
        def run() -> Result:
            try:
                return job()
            finally:
                with lock:
                    left[lesson.checks_dir] -= 1
                    last = not left[lesson.checks_dir]
                if last:
                    sessions.end(lesson.checks_dir)
        return run

    return [ending(lesson, job) for lesson, job in jobs]


def mutation_findings(summary: MutationSummary) -> list[Finding]:
    """A lesson's mutation run as findings: its score, each hole, each stale excuse."""
    lesson, findings = summary.lesson, []
    for hole in summary.holes:
        findings.append(Finding(lesson, "mutant survived", False,
                                f"{hole.mutant.id} (line {hole.mutant.line}): no check fails"))
    for result in summary.results:
        excuse = summary.excuses.get(result.mutant.id)
        if result.verdict is Verdict.BROKE:
            findings.append(Finding(lesson, "mutant broke a check", False,
                                    f"{result.mutant.id}: {result.by} could not check"))
        elif excuse and result.verdict is not Verdict.SURVIVED:
            findings.append(Finding(lesson, "mutants.toml", False,
                                    f"listed as {excuse.kind} but caught by {result.by}: {excuse.mutant}"))
    made = {r.mutant.id for r in summary.results}
    for excuse in summary.excuses.values():
        if excuse.mutant not in made:
            findings.append(Finding(lesson, "mutants.toml", False,
                                    f"lists {excuse.mutant}, which is no mutant of the reference"))
        elif excuse.kind == "allowed" and not in_lesson_text(lesson, excuse.reason):
            findings.append(Finding(lesson, "mutants.toml", False,
                                    f'allows {excuse.mutant} by quoting "{excuse.reason[:60]}", '
                                    "which the lesson text does not say"))
    caught = summary.count(Verdict.KILLED) + summary.count(Verdict.NOT_LOADED)
    findings.append(Finding(lesson, "mutants", not findings,
                            f"{caught} of {len(summary.results)} caught, "
                            f"{summary.excused('equivalent')} equivalent, "
                            f"{summary.excused('allowed')} allowed, {len(summary.holes)} holes"))
    return findings


def verify_mutants(lessons: Iterable[Lesson], *, workers: int | None = None,
                   on_planned: Callable[[int], None] | None = None,
                   on_result: Callable[[MutantResult], None] | None = None,
                   on_lesson: Callable[[MutationSummary], None] | None = None,
                   ) -> list[MutationSummary]:
    """Run the checks on every mutant of each lesson's reference; one summary per lesson."""
    workers = workers or 2 * (os.cpu_count() or 1)
    chosen = sorted(lessons, key=lambda lesson: -lesson.time_limit)
    plans = {lesson.id: mutants_of(lesson) for lesson in chosen}
    excuses = {lesson.id: load_excuses(lesson) for lesson in chosen}
    jobs = [(lesson, m) for lesson in chosen for m in plans[lesson.id]]
    if on_planned:
        on_planned(len(jobs))
    done: dict[str, list[MutantResult]] = {lesson.id: [] for lesson in chosen}
    summaries: dict[str, MutationSummary] = {}
    with PreparedSessions() as sessions, ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        runs = _ending_each_lesson([(lesson, functools.partial(run_mutant, lesson, mutant, sessions))
                                    for lesson, mutant in jobs], sessions)
        for (lesson, _), result in zip(jobs, pool.map(stack_room.call_with_room, runs)):
            done[lesson.id].append(result)
            if on_result:
                on_result(result)
            if len(done[lesson.id]) == len(plans[lesson.id]):
                summaries[lesson.id] = MutationSummary(lesson, tuple(done[lesson.id]),
                                                       excuses[lesson.id])
                if on_lesson:
                    on_lesson(summaries[lesson.id])
    for lesson in chosen:
        summaries.setdefault(lesson.id, MutationSummary(lesson, (), excuses[lesson.id]))
    return [summaries[lesson.id] for lesson in sorted(chosen, key=lambda lesson: lesson.id)]
