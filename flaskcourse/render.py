"""Everything the learner sees in the terminal. The only module that imports rich.

User text (lesson titles, messages from checks, the learner's own output) is always passed as
``Text`` so square brackets in it are never taken for markup.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

# rich's Table and Panel are imported by the methods that draw one: `list`, the command typed
# most, starts without them.
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from flaskcourse.actions import PASSED, STARTED, Overview
from flaskcourse.catalog import Course, Lesson
from flaskcourse.errors import CourseError
from flaskcourse.outcomes import Outcome

if TYPE_CHECKING:
    from rich.progress import Progress

    from flaskcourse.grading import Graded, Roster
    from flaskcourse.mutants import MutationSummary
    from flaskcourse.report import CheckResult, LessonReport
    from flaskcourse.results import Checked, Hint, Reset, Solution, Started
    from flaskcourse.verify import Finding

MARKS = {
    Outcome.PASSED: ("✓", "green"),
    Outcome.FAILED: ("✗", "red"),
    Outcome.TIMEOUT: ("⏱", "red"),
    Outcome.ERROR: ("?", "yellow"),
    Outcome.SKIPPED: ("-", "dim"),
    Outcome.NOT_RUN: ("⏱", "red"),
}
LABELS = {Outcome.TIMEOUT: "timed out", Outcome.ERROR: "could not check",
          Outcome.NOT_RUN: "not run"}
"""Said after a check's sentence when its mark alone does not say what happened."""
SAME = {"answer": "got this same answer",
        "hang": "stopped at this same line, or were not run because of it"}
"""How checks that fail for one cause are said to share it (else: the same message)."""
STATUS_STYLE = {PASSED: "green", STARTED: "yellow"}
ROSTER_MARKS = {
    Outcome.PASSED: ("✓", "green"),
    Outcome.SKIPPED: ("-", "dim"),
    Outcome.FAILED: ("✗", "red"),
    Outcome.TIMEOUT: ("✗", "red"),
    Outcome.NOT_RUN: ("✗", "red"),
    Outcome.ERROR: ("?", "yellow"),
}
"""One character per check in the roster, so a class of learners fits a terminal's width."""
NO_RESULT = ("·", "dim")
GAP = "  "
"""Between two columns of `list`."""
MIN_TITLE = 10
"""The narrowest the lesson column of `list` gets, however narrow the terminal."""


def _cell(text: str, width: int) -> str:
    """``text`` padded with spaces to ``width`` terminal cells."""
    return text + " " * (width - cell_len(text))


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
        from rich.panel import Panel

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
        lesson = view.current or view.up_next
        if lesson is None:
            self.say(course.final_message or "You have passed every lesson.", "green")
            return
        status = view.status(lesson)
        line = Text(f"Current lesson {lesson.id}: ")
        line.append(lesson.title, style="bold")
        line.append(f"  ({status})", style=STATUS_STYLE.get(status, "dim"))
        self.console.print(line)
        if status == PASSED:
            follow = view.up_next
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
        """The lessons as a table, laid out here rather than by rich's ``Table``: `list` is the
        command typed most, and importing and measuring a ``Table`` was most of its own cost.
        Columns are two spaces apart; a title too long for the terminal wraps in its column."""
        rows = [("→" if row.current else "", row.lesson.id, row.lesson.title, row.status)
                for row in view.rows]
        header = ("", "id", "lesson", "status")
        mark, ids, titles, statuses = (max(cell_len(row[i]) for row in (header, *rows))
                                       for i in range(4))
        room = max(self.console.width - mark - ids - statuses - 3 * len(GAP), MIN_TITLE)
        titles = min(titles, room)
        lines = []
        for number, (current, lesson_id, title, status) in enumerate((header, *rows)):
            style = "bold" if number == 0 else ""
            wrapped = [title] if cell_len(title) <= titles else [
                part.plain for part in Text(title).wrap(self.console, titles, overflow="ellipsis")]
            for index, part in enumerate(wrapped):
                first = index == 0
                line = Text(_cell(current if first else "", mark) + GAP, style)
                line.append(_cell(lesson_id if first else "", ids) + GAP, style)
                line.append(_cell(part, titles) + GAP, style)
                line.append(_cell(status if first else "", statuses),
                            style or STATUS_STYLE.get(status, "dim"))
                lines.append(line)
        self.console.print(Text("\n").join(lines), no_wrap=True, overflow="ellipsis")

    def started(self, result: Started) -> None:
        from rich.table import Table

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
        if result.cd is not None:
            self._next(f"cd {result.cd}",
                       f"then `flaskcourse read`, edit {lesson.edit} and run `flaskcourse check` "
                       "there (where you are now, `check` means the lesson of this folder)")
        else:
            self._next(f"flaskcourse read {lesson.id}",
                       f"then edit {lesson.name}/{lesson.edit} and run `flaskcourse check`")

    def finished(self, course: Course) -> None:
        self.say(course.final_message or "You have passed every lesson. Well done!", "green")

    def lesson_text(self, lesson: Lesson, text: str) -> None:
        """The lesson, through the learner's pager (``$PAGER``, else ``less``) when it is
        longer than the terminal, so it opens at the top; whole, when the output is not a
        terminal."""
        from rich.markdown import Markdown

        footer = Text(f"\n(lesson {lesson.id}; `flaskcourse hint {lesson.id}` when you are stuck)",
                      style="dim")
        if not self.console.is_terminal:
            self.console.print(Markdown(text, code_theme="monokai"))
            self.console.print(footer)
            return
        with self.console.capture() as captured:
            self.console.print(Markdown(text, code_theme="monokai"))
            self.console.print(footer)
        rendered = captured.get()
        if rendered.count("\n") < self.console.height:
            self.console.file.write(rendered)
            return
        import click

        click.echo_via_pager(rendered)

    def hint(self, shown: Hint) -> None:
        from rich.panel import Panel

        lesson = shown.lesson
        if shown.repeated:
            self.say(f"That was the last hint for lesson {lesson.id}; here it is again.", "yellow")
        title = f"Hint {shown.index + 1} of {shown.total} for lesson {lesson.id}"
        self.console.print(Panel(self._prose(shown.text), title=title, title_align="left",
                                 border_style="cyan", expand=False))
        if shown.index + 1 < shown.total:
            self.say(f"Run `flaskcourse hint {lesson.id}` again for a stronger one.", "dim")
        else:
            self.say(f"There are no more hints. `flaskcourse solution {lesson.id} --diff` "
                     "compares your files with the reference (it asks first if you have not "
                     "passed yet).", "dim")

    def _prose(self, text: str) -> Text:
        """Text whose `code spans` look like code: styled in a terminal with colour, and kept
        between backticks where there is no styling to tell them apart."""
        if not self.console.is_terminal or self.console.no_color:
            return Text(text)
        prose = Text()
        for index, part in enumerate(re.split(r"`([^`]+)`", text)):
            prose.append(part, style="bold cyan" if index % 2 else "")
        return prose

    def check_started(self, lesson: Lesson, folder: Path) -> None:
        line = Text(f"Checking lesson {lesson.id}: ", style="bold")
        line.append(lesson.title, style="bold")
        line.append(f"  ({folder})", style="dim")
        self.console.print(line)

    def check_line(self, result: CheckResult) -> None:
        mark, style = MARKS[result.outcome]
        line = Text(f" {mark} ", style=style)
        line.append(result.name)
        if result.outcome in LABELS:
            line.append(f"  ({LABELS[result.outcome]})", style=style)
        self.console.print(line)
        self.console.file.flush()

    def _detail(self, result: CheckResult) -> None:
        from rich.panel import Panel
        from rich.table import Table

        rows = [("request", result.request), ("expected", result.expected), ("got", result.got),
                ("why", result.help)]
        if not result.expected:
            rows = [("request", result.request), ("", result.message)]
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

    def report(self, checked: Checked, *, verbose: bool = False, command: str = "check") -> None:
        """After the one-line-per-check list: the first failing check in full, how many more
        fail for the same cause and how many for others (``verbose``: every failing check in
        full, and what the app printed), then the totals and what to do. ``command`` is the
        one the learner runs, named in the advice."""
        from rich.panel import Panel

        report = checked.report
        self.notices(report.notices)
        if report.load_error:
            self.load_error(checked.folder, report)
            return
        groups = report.problems_by_cause()
        if groups:
            self.console.print()
        if verbose:
            for group in groups:
                for result in group:
                    self._detail(result)
        elif groups:
            first = groups[0]
            self._detail(first[0])
            if len(first) > 1:
                self.say(f"{_checks(len(first) - 1, 'more check')} "
                         f"{SAME.get(first[0].cause[0], 'failed with this same message')} "
                         "(marked above): fix this one first.", "yellow")
        others = sum(len(group) for group in groups[1:])
        if others and not verbose:
            self.say(f"{_checks(others, 'more check')} fail{'s' if others == 1 else ''} for other "
                     "reasons (marked above): "
                     f"`flaskcourse {command} -v` shows each in full.", "dim")
        if report.printed_lines and verbose:
            self.console.print(Panel(Text(report.output), title="what your app printed",
                                     title_align="left", border_style="dim"))
        elif report.printed_lines:
            them = "it" if report.printed_lines == 1 else "them"
            self.say(f"Your app printed {_lines(report.printed_lines)}: "
                     f"`flaskcourse {command} -v` shows {them}.", "dim")
        self.summary(checked, watching=command == "watch")

    def load_error(self, folder: Path, report: LessonReport) -> None:
        from rich.panel import Panel

        error = report.load_error
        assert error is not None
        body = Text(error.message)
        if error.detail:
            body.append("\n\n")
            body.append(error.detail, style="dim")
        where = f"{folder / error.file}" + (f":{error.line}" if error.line else "") if error.file else str(folder)
        self.err.print(Panel(body, title=f"could not load your app ({where})", title_align="left",
                             border_style="red", expand=False))

    def summary(self, checked: Checked, *, watching: bool = False) -> None:
        report = checked.report
        totals = report.totals
        line = Text(f"{totals['passed']} of {totals['total']} checks pass",
                    style="bold green" if report.passed else "bold")
        for key, label in (("failed", "failed"), ("timeout", "timed out"), ("not_run", "not run"),
                           ("error", "could not check")):
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
        elif watching:
            self.say(f"Fix the first failing check and save: the checks run again by "
                     f"themselves (`flaskcourse hint {lesson.id}` for a nudge).", "dim")
        else:
            self.say(f"Fix the first failing check, save, and run `flaskcourse check` again "
                     f"(`flaskcourse hint {lesson.id}` for a nudge).", "dim")

    def report_json(self, report: LessonReport) -> None:
        import json

        self.console.file.write(json.dumps(report.to_dict(), indent=2) + "\n")

    def solution(self, shown: Solution, diff: bool) -> None:
        for rel, text in shown.files.items():
            self.say(f"── {rel} ──", "bold")
            if not diff:
                self.code(text, rel, numbered=True)
            elif patch := shown.diffs.get(rel, ""):
                self.code(patch, "changes.diff")
            else:
                self.say("(yours is the same)", "dim")

    def code(self, text: str, filename: str, *, numbered: bool = False) -> None:
        """Source code, never cut: as it is (whole lines, no padding) when the output is not a
        terminal; highlighted in one, each line too long for it wrapped onto the next with a
        mark (↪) where it goes on."""
        if not text:
            self.say("(empty, or not text)", "dim")
            return
        if not self.console.is_terminal:
            self.console.file.write(text if text.endswith("\n") else text + "\n")
            return
        from rich.syntax import Syntax

        lexer = Syntax.guess_lexer(filename, text)
        lines = Syntax(text, lexer, theme="ansi_dark").highlight(text).split("\n")
        if lines and not lines[-1].plain and text.endswith("\n"):
            lines.pop()
        digits = len(str(len(lines)))
        for number, line in enumerate(lines, 1):
            first = Text(f"{number:>{digits}} │ " if numbered else "", style="dim")
            going_on = Text(" " * digits + " ↪ " if numbered else "↪ ", style="dim")
            room = max(self.console.width - max(first.cell_len, going_on.cell_len), 10)
            cut = line.divide(range(room, len(line.plain), room)) if line.plain else [line]
            for index, part in enumerate(cut):
                self.console.print(Text.assemble(going_on if index else first, part),
                                   soft_wrap=True)

    def reset(self, lesson: Lesson, done: Reset, to_last_pass: bool) -> None:
        what = "your last passing version" if to_last_pass else "the starter"
        self.say(f"Lesson {lesson.id} is back to {what} in {done.folder}")
        if done.backup:
            self.say(f"Your files were kept in {done.backup}", "yellow")

    def progress(self, course: Course, view: Overview) -> None:
        from rich.table import Table

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
        from rich.table import Table

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
        from rich.table import Table

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

    @contextmanager
    def grading(self, total: int) -> Iterator[Callable[[Graded], None]]:
        """Something to call as each submission is graded: a progress bar with the time left
        at a terminal, a plain line per submission elsewhere (on stderr: the roster is the
        output)."""
        if self.err.is_terminal:
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                                       TimeElapsedColumn, TimeRemainingColumn)

            bar = Progress(TextColumn("grading"), BarColumn(), MofNCompleteColumn(),
                           TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn(),
                           console=self.err, transient=True)
            with bar:
                task = bar.add_task("grading", total=total)
                yield lambda _graded: bar.advance(task)
            return
        done = 0

        def line(graded: Graded) -> None:
            nonlocal done
            done += 1
            note = _first_sentence(graded.note)
            what = note if graded.refused else f"{graded.score:g} points" + (
                f" ({note})" if note else "")
            self.err.print(Text(f"graded {done} of {total}: {graded.learner}, {what}"),
                           soft_wrap=True)

        yield line

    def roster(self, roster: Roster) -> None:
        """A row per learner (score, checks passed, one mark per check, why when it needs
        saying), then how the class did on each check, then the totals."""
        from rich.table import Table

        lesson = roster.lesson
        head = Text(f"Lesson {lesson.id}: ", style="bold")
        head.append(lesson.title, style="bold")
        head.append(f"  ({_checks(len(roster.columns), 'check')}, {roster.max_score:g} points)",
                    style="dim")
        self.console.print(head)
        table = Table(box=None, header_style="bold", pad_edge=False)
        for name, justify in (("learner", "left"), ("score", "right"), ("passed", "right"),
                              ("checks", "left"), ("note", "left")):
            table.add_column(name, justify=justify, no_wrap=name == "checks",
                             overflow="fold" if name == "checks" else "ellipsis")
        for row in roster.rows:
            marks = Text()
            for column in roster.columns:
                outcome = row.outcomes.get(column.id)
                mark, style = ROSTER_MARKS[outcome] if outcome else NO_RESULT
                marks.append(mark, style=style)
            graded = row.refused is None
            table.add_row(Text(row.learner),
                          f"{row.score:g}/{roster.max_score:g}" if graded else "-",
                          f"{row.passed}/{len(roster.columns)}" if graded else "-", marks,
                          Text(_first_sentence(row.note),
                               style="red" if not row.complete else "yellow"))
        self.console.print(table)
        self.say("checks: one mark per check, in the order below (✓ passed, ✗ failed, timed "
                 "out or not run, ? could not check, · no result)", "dim")
        checks = Table(box=None, header_style="bold", pad_edge=False)
        for name, justify in (("#", "right"), ("check", "left"), ("points", "right"),
                              ("passed by", "right")):
            checks.add_column(name, justify=justify)
        for number, column in enumerate(roster.columns, 1):
            checks.add_row(str(number), Text(column.name), f"{column.points:g}",
                           f"{roster.passed_by(column)}/{len(roster.rows)}")
        self.console.print(checks)
        graded = [row for row in roster.rows if row.refused is None]
        line = Text(f"{len(roster.rows)} submission{'s' if len(roster.rows) != 1 else ''} in "
                    f"{roster.duration:.1f} s", style="bold")
        if graded:
            mean = sum(row.score for row in graded) / len(graded)
            line.append(f" · mean score {mean:.3g} of {roster.max_score:g}")
        refused = len(roster.rows) - len(graded)
        if refused:
            line.append(f" · {refused} not graded", style="red")
        broken = sum(1 for row in graded if row.could_not_check)
        if broken:
            line.append(f" · {broken} with checks that could not check", style="yellow")
        self.console.print(line)

    def serving(self, url: str, what: str, note: str, debugger: bool, host: str,
                kept_in: Path | None) -> None:
        from flaskcourse.serve import is_loopback

        self.say(f"Serving {what} on {url}  (Ctrl-C stops it)", "bold")
        if not is_loopback(host):
            self.say(f"The debugger is {'on' if debugger else 'off'}: {host} can be reached from "
                     "other machines, and the debugger runs any code that whoever opens it "
                     "types. " + ("It is on because you asked (--debug)." if debugger
                                  else "Add --debug to turn it on anyway."), "yellow")
        if kept_in is not None:
            self.say(f"The reference keeps its data in {kept_in}, so it is still there after a "
                     "restart.", "dim")
        if note:
            self.say(note, "yellow")

    @property
    def plain(self) -> bool:
        """True when the output takes no colour (not a terminal, or NO_COLOR)."""
        return not self.console.is_terminal or self.console.no_color

    def watch_run(self, lesson: Lesson, folder: Path) -> None:
        """A new run in watch mode: a clean screen in a terminal (the last run's results are
        stale), a dividing line elsewhere."""
        if self.console.is_terminal:
            self.console.clear()
        else:
            self.console.rule(style="dim")
        self.check_started(lesson, folder)

    def run_cancelled(self) -> None:
        self.say("A newer save: these results are out of date, checking again.", "dim")

    def watching(self, folder: Path) -> None:
        self.say(f"Watching {folder}: the checks run again each time you save. Ctrl-C stops.", "dim")
        self.console.file.flush()

    def autograder_made(self, what: str, path: Path, made: Path | None, files: Iterable[str],
                        steps: Iterable[str]) -> None:
        """What an autograder command wrote, and what the teacher does with it next."""
        self.say(f"{what} written to {path}" + (f" (the folder {made} was made for it)"
                                                  if made else ""), "bold")
        for name in files:
            self.say(f"  + {name}", "green")
        for step in steps:
            self.say(step)

    def wrote(self, what: str, path: Path, made: Path | None) -> None:
        """Where a file the learner asked for was written (on stderr: stdout may be JSON)."""
        self.err.print(Text(f"{what} written to {path}"
                            + (f" (the folder {made} was made for it)" if made else ""),
                            style="dim"))


def _checks(count: int, what: str) -> str:
    return f"{count} {what}{'' if count == 1 else 's'}"


def _first_sentence(text: str) -> str:
    """A note as the roster shows it: the whole of it is in the CSV and JSON files."""
    end = text.find(". ")
    return text if end < 0 else text[:end + 1]


def _lines(count: int) -> str:
    return f"{count} line{'' if count == 1 else 's'}"
