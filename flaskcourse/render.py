"""Everything the learner sees in the terminal. The only module that imports rich.

User text (lesson titles, messages from checks, the learner's own output) is always passed as
``Text`` so square brackets in it are never taken for markup.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from flaskcourse.actions import PASSED, STARTED, Checked, Hint, Overview, Solution, Started
from flaskcourse.catalog import Course, Lesson
from flaskcourse.errors import CourseError
from flaskcourse.report import CheckResult, LessonReport, Outcome
from flaskcourse.workspace import Reset

if TYPE_CHECKING:
    from rich.progress import Progress

    from flaskcourse.mutants import MutationSummary
    from flaskcourse.verify import Finding

MARKS = {
    Outcome.PASSED: ("✓", "green"),
    Outcome.FAILED: ("✗", "red"),
    Outcome.TIMEOUT: ("⏱", "red"),
    Outcome.ERROR: ("?", "yellow"),
    Outcome.SKIPPED: ("-", "dim"),
}
STATUS_STYLE = {PASSED: "green", STARTED: "yellow"}


def make_console(stderr: bool = False) -> Console:
    return Console(stderr=stderr, highlight=False, soft_wrap=False, emoji=False,
                   width=int(os.environ["COLUMNS"]) if os.environ.get("COLUMNS", "").isdigit() else None)


class Renderer:
    """Owns the console; one method per kind of result."""

    def __init__(self, console: Console | None = None) -> None:
        self.console = console or make_console()
        self.err = make_console(stderr=True)

    def say(self, text: str, style: str = "") -> None:
        self.console.print(Text(text, style=style))

    def _next(self, command: str, why: str = "") -> None:
        line = Text("Next: ", style="bold")
        line.append(command, style="bold cyan")
        if why:
            line.append(f"  {why}", style="dim")
        self.console.print(line)

    def notices(self, notices: Iterable[str]) -> None:
        for notice in notices:
            self.err.print(Text(f"Note: {notice}", style="yellow"))

    def error(self, error: CourseError) -> None:
        body = Text(error.message)
        if error.hint:
            body.append("\n")
            body.append(error.hint, style="cyan")
        self.err.print(Panel(body, title="flaskcourse", title_align="left", border_style="red",
                             expand=False))

    def home(self, course: Course, view: Overview) -> None:
        self.console.print(Text(course.title, style="bold"))
        if view.workspace is None:
            if course.welcome:
                from rich.markdown import Markdown

                self.console.print(Markdown(course.welcome))
            first = course.lessons[0]
            self._next(f"flaskcourse start {first.id}", f"begins lesson {first.id}: {first.title}")
            return
        self.say(f"Workspace: {view.workspace.root}", "dim")
        self._bar(view)
        lesson = view.current or view.first_unpassed
        if lesson is None:
            self.say(course.final_message or "You have passed every lesson.", "green")
            return
        status = view.status(lesson)
        line = Text(f"Current lesson {lesson.id}: ")
        line.append(lesson.title, style="bold")
        line.append(f"  ({status})", style=STATUS_STYLE.get(status, "dim"))
        self.console.print(line)
        if status == PASSED:
            follow = view.first_unpassed
            if follow is None:
                self.say(course.final_message or "You have passed every lesson.", "green")
            else:
                self._next("flaskcourse next", f"starts lesson {follow.id}: {follow.title}")
        elif status == STARTED:
            folder = view.workspace.lesson_dir(lesson)
            self.say(f"Your files: {folder}", "dim")
            self._next(f"flaskcourse check {lesson.id}",
                       "runs the checks (`flaskcourse read` shows the lesson again)")
        else:
            self._next(f"flaskcourse start {lesson.id}")

    def _bar(self, view: Overview) -> None:
        total = len(view.rows)
        width = 30
        filled = round(width * view.passed / total) if total else 0
        bar = Text("█" * filled, style="green")
        bar.append("░" * (width - filled), style="dim")
        bar.append(f"  {view.passed} of {total} lessons passed")
        self.console.print(bar)

    def lessons(self, view: Overview) -> None:
        table = Table(box=None, pad_edge=False, header_style="bold")
        table.add_column("")
        table.add_column("id")
        table.add_column("lesson")
        table.add_column("status")
        for row in view.rows:
            table.add_row("→" if row.current else "", row.lesson.id, Text(row.lesson.title),
                          Text(row.status, style=STATUS_STYLE.get(row.status, "dim")))
        self.console.print(table)

    def started(self, result: Started) -> None:
        lesson = result.lesson
        if result.new_workspace:
            self.say(f"Made a workspace in {result.workspace.root}", "dim")
        title = Text(f"Lesson {lesson.id}: ", style="bold")
        title.append(lesson.title, style="bold")
        self.console.print(title)
        if lesson.summary:
            self.say(lesson.summary)
        if result.restored is not None:
            what = ("the starter files" if result.restored == lesson.starter_dir
                    else "your last passing version")
            self.say(f"Your lesson folder was gone: it is back, with {what}.", "yellow")
        self.say(f"Your files are in {result.scaffold.folder}")
        for rel in result.scaffold.copied:
            self.say(f"  + {rel}", "green")
        for rel in result.scaffold.kept:
            self.say(f"  = {rel} (yours, kept as it is)", "yellow")
        if lesson.objectives:
            self.say("You will be able to:", "bold")
            bullets = Table.grid(padding=(0, 1))
            bullets.add_column(no_wrap=True)
            bullets.add_column()
            for objective in lesson.objectives:
                bullets.add_row("  •", Text(objective))
            self.console.print(bullets)
        self._next(f"flaskcourse read {lesson.id}",
                   f"then edit {lesson.name}/app.py and run `flaskcourse check`")

    def finished(self, course: Course) -> None:
        self.say(course.final_message or "You have passed every lesson. Well done!", "green")

    def lesson_text(self, lesson: Lesson, text: str) -> None:
        from rich.markdown import Markdown

        self.console.print(Markdown(text, code_theme="monokai"))
        self.say(f"\n(lesson {lesson.id}; `flaskcourse hint {lesson.id}` when you are stuck)", "dim")

    def hint(self, shown: Hint) -> None:
        title = f"Hint {shown.index + 1} of {shown.total} for lesson {shown.lesson.id}"
        self.console.print(Panel(Text(shown.text), title=title, title_align="left",
                                 border_style="cyan", expand=False))
        if shown.index + 1 < shown.total:
            self.say("Run `flaskcourse hint` again for a stronger one.", "dim")

    def check_started(self, lesson: Lesson, folder: Path) -> None:
        line = Text(f"Checking lesson {lesson.id}: ", style="bold")
        line.append(lesson.title, style="bold")
        line.append(f"  ({folder})", style="dim")
        self.console.print(line)

    def check_line(self, result: CheckResult) -> None:
        mark, style = MARKS[result.outcome]
        line = Text(f" {mark} ", style=style)
        line.append(result.name)
        if result.outcome is Outcome.TIMEOUT:
            line.append("  (timed out)", style="red")
        elif result.outcome is Outcome.ERROR:
            line.append("  (could not check)", style="yellow")
        self.console.print(line)
        self.console.file.flush()

    def _detail(self, result: CheckResult) -> None:
        rows = [("request", result.request), ("expected", result.expected), ("got", result.got),
                ("why", result.help)]
        if not result.expected:
            rows = [("", result.message)]
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for label, value in rows:
            if value:
                table.add_row(label, Text(value))
        head = Text(f" {MARKS[result.outcome][0]} ", style=MARKS[result.outcome][1])
        head.append(result.name, style="bold")
        self.console.print(head)
        self.console.print(Panel(table, border_style="dim", expand=False, padding=(0, 1)))

    def report(self, checked: Checked, *, verbose: bool = False) -> None:
        report = checked.report
        self.notices(report.notices)
        if report.load_error:
            self.load_error(checked.folder, report)
            return
        problems = [c for c in report.checks if c.outcome is not Outcome.PASSED
                    and c.outcome is not Outcome.SKIPPED]
        if problems:
            self.console.print()
        for result in problems:
            self._detail(result)
        if verbose and report.output.strip():
            self.console.print(Panel(Text(report.output), title="what your app printed",
                                     title_align="left", border_style="dim"))
        self.summary(checked)

    def load_error(self, folder: Path, report: LessonReport) -> None:
        error = report.load_error
        assert error is not None
        body = Text(error.message)
        if error.detail:
            body.append("\n\n")
            body.append(error.detail, style="dim")
        where = f"{folder / error.file}" + (f":{error.line}" if error.line else "") if error.file else str(folder)
        self.err.print(Panel(body, title=f"could not load your app ({where})", title_align="left",
                             border_style="red", expand=False))

    def summary(self, checked: Checked) -> None:
        report = checked.report
        totals = report.totals
        line = Text(f"{totals['passed']} of {totals['total']} checks pass",
                    style="bold green" if report.passed else "bold")
        for key, label in (("failed", "failed"), ("timeout", "timed out"), ("error", "could not check")):
            if totals[key]:
                line.append(f" · {totals[key]} {label}", style=MARKS[Outcome(key)][1])
        line.append(f"  ({report.duration:.1f} s)", style="dim")
        self.console.print(line)
        lesson = checked.lesson
        if report.passed:
            self.say(f"Lesson {lesson.id} passed!" + (" (first time: a snapshot of this version "
                     "is kept)" if checked.first_pass else ""), "green")
            if checked.next is not None:
                self._next("flaskcourse next", f"lesson {checked.next.id}: {checked.next.title}")
            self.say(f"Compare with the reference: flaskcourse solution {lesson.id} --diff", "dim")
        elif report.could_not_check and not report.failed_ids():
            self.say("Some checks could not run. That is not your code's fault: please report it.",
                     "yellow")
        else:
            self.say(f"Fix the first failing check, save, and run `flaskcourse check` again "
                     f"(`flaskcourse hint {lesson.id}` for a nudge).", "dim")

    def report_json(self, report: LessonReport) -> None:
        import json

        self.console.file.write(json.dumps(report.to_dict(), indent=2) + "\n")

    def solution(self, shown: Solution, diff: bool) -> None:
        from rich.syntax import Syntax

        for rel, text in shown.files.items():
            if diff:
                patch = shown.diffs.get(rel, "")
                self.console.print(Text(f"── {rel} ", style="bold"))
                if patch:
                    self.console.print(Syntax(patch, "diff", theme="ansi_dark"))
                else:
                    self.say("(yours is the same)", "dim")
            else:
                lexer = Syntax.guess_lexer(rel, text)
                self.console.print(Panel(Syntax(text, lexer, line_numbers=True, theme="ansi_dark"),
                                         title=rel, title_align="left"))

    def reset(self, lesson: Lesson, done: Reset, to_last_pass: bool) -> None:
        what = "your last passing version" if to_last_pass else "the starter"
        self.say(f"Lesson {lesson.id} is back to {what} in {done.folder}")
        if done.backup:
            self.say(f"Your files were kept in {done.backup}", "yellow")

    def progress(self, course: Course, view: Overview) -> None:
        self._bar(view)
        self.lessons(view)
        if view.history:
            table = Table(title="recent checks", box=None, header_style="bold", title_justify="left")
            for name in ("when", "lesson", "result"):
                table.add_column(name)
            for attempt in view.history:
                result = ("could not load" if attempt.load_error else
                          f"{attempt.n_passed}/{attempt.n_total} checks pass")
                table.add_row(attempt.at.replace("T", " ")[:16], attempt.lesson_id,
                              Text(result, style="green" if attempt.passed else "red"))
            self.console.print(table)

    @contextmanager
    def verify_progress(self, label: str) -> Iterator[tuple[Progress, int]]:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        bar = Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                       console=self.err, transient=True)
        with bar:
            yield bar, bar.add_task(label, total=None)

    def mutation_lesson_done(self, summary: MutationSummary) -> None:
        """One line as each lesson's mutants are done, so a long run shows it is moving."""
        holes = len(summary.holes)
        self.err.print(Text(f"lesson {summary.lesson.id}: {len(summary.results)} mutants, "
                            f"{holes} not caught" + ("" if holes else ", all accounted for"),
                            style="red" if holes else "green"))

    def mutation_table(self, summaries: list[MutationSummary]) -> None:
        from flaskcourse.mutants import Verdict

        table = Table(title="mutants of each reference solution", box=None, header_style="bold",
                      title_justify="left")
        for name in ("lesson", "mutants", "killed", "did not load", "equivalent", "allowed",
                     "survived", "score"):
            table.add_column(name, justify="left" if name == "lesson" else "right")
        for s in summaries:
            holes = len(s.holes)
            table.add_row(s.lesson.id, str(len(s.results)), str(s.count(Verdict.KILLED)),
                          str(s.count(Verdict.NOT_LOADED)), str(s.excused("equivalent")),
                          str(s.excused("allowed")), Text(str(holes), style="red" if holes else ""),
                          f"{s.score:.0%}")
        self.console.print(table)

    def findings(self, findings: list[Finding]) -> None:
        table = Table(box=None, header_style="bold")
        for name in ("", "lesson", "what", "detail"):
            table.add_column(name)
        for f in findings:
            mark = Text("✓", style="green") if f.ok else Text("✗", style="red")
            table.add_row(mark, f.lesson.id, f.subject, Text(f.detail if not f.ok else "",
                                                             style="red"))
        self.console.print(table)
        bad = sum(1 for f in findings if not f.ok)
        self.say(f"{len(findings) - bad} of {len(findings)} hold" + (f", {bad} do not" if bad else ""),
                 "bold red" if bad else "bold green")

    def serving(self, url: str, what: str, note: str) -> None:
        self.say(f"Serving {what} on {url}  (Ctrl-C stops it)", "bold")
        if note:
            self.say(note, "yellow")

    def watching(self, folder: Path) -> None:
        self.say(f"Watching {folder}: the checks run again each time you save. Ctrl-C stops.", "dim")
        self.console.file.flush()
