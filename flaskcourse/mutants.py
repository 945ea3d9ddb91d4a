"""One-change mutants of a lesson's reference solution, to find what its checks let through.

A mutant is the reference with one small change a learner could make by mistake. If every check
still passes on it, either no client could ever notice the change (an *equivalent* mutant), the
lesson text leaves that behaviour open (an *allowed* mutant, with the sentence that allows it),
or the checks have a hole. Both lists live in the lesson's ``checks/NN-slug/mutants.toml``.

The operators, and why these:

- ``compare``: ``<``/``<=``, ``>``/``>=``, ``==``/``!=``, ``in``/``not in``, ``is``/``is not``
  swapped: the off-by-one at a limit and the inverted test.
- ``bool``: ``and``/``or`` swapped, a ``not`` dropped: the condition that lets too much through.
- ``number``: an integer constant one up and one down (status codes, limits, lengths, windows),
  ``True``/``False`` flipped: the wrong status, the wrong boundary, a flag turned off.
- ``drop``: a statement removed: a call made for its effect (a commit, a header set, a lock
  taken), a value stored on an object, a guard (an ``if`` whose body returns, raises or
  aborts), or an ``assert``: the validation or the protection that is forgotten, and in a lesson
  whose learner writes the tests, the check a test forgot to make.
- ``decorator``: one decorator removed (a login requirement, a registration).
- ``swap``: the first two positional arguments of a call swapped.

Strings are not mutated: most are messages the text words loosely, and they would bury the
rest under equivalent mutants. By default every ``.py`` file of the reference is mutated with
every operator; a lesson's ``mutants.toml`` may name the files that matter with
``files = ["tests/*.py"]`` (glob patterns on the path inside the lesson folder) and the operators
with ``operators = ["drop", "decorator"]``. In a lesson where the learner writes the tests and
the app is the course's own, only the tests' mutants say anything about the checks, and of
those the dropped ``assert`` (and fixture): a test with a swapped comparison or a changed number
is a wrong test, which any failure on the reference already shows. Code under
``if __name__ == "__main__":`` is never mutated.
Each mutant is one textual replacement in the original source (comments and layout kept), named
by an id that does not depend on line numbers: the file, the enclosing function, the operator,
and the code before and after.
"""

from __future__ import annotations

import ast
import enum
import fnmatch
import tempfile
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from flaskcourse.catalog import Lesson
from flaskcourse.errors import CourseError
from flaskcourse.files import copy_tree, learner_files
from flaskcourse.prepared import PreparedSessions
from flaskcourse.report import Outcome
from flaskcourse.runner import RunSettings, in_memory, run_checks

MUTANTS_FILE = "mutants.toml"
SNIPPET = 70

_COMPARE_SWAPS: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq, ast.NotEq: ast.Eq, ast.In: ast.NotIn, ast.NotIn: ast.In,
    ast.Is: ast.IsNot, ast.IsNot: ast.Is,
}
_GUARD_ENDS = (ast.Return, ast.Raise)


@dataclass(frozen=True)
class Mutant:
    """One change to one file of the reference: where, what, and the file's new text."""

    id: str
    file: str
    line: int
    operator: str
    source: str


def _short(code: str) -> str:
    flat = " ".join(code.split())
    return flat if len(flat) <= SNIPPET else flat[: SNIPPET - 1] + "…"


def _is_main_guard(node: ast.stmt) -> bool:
    return (isinstance(node, ast.If) and isinstance(node.test, ast.Compare)
            and isinstance(node.test.left, ast.Name) and node.test.left.id == "__name__")


def _is_docstring(node: ast.stmt) -> bool:
    return (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str))


def _is_guard(node: ast.If) -> bool:
    """An ``if`` that refuses something: its body ends the view (return, raise, abort())."""
    last = node.body[-1]
    if isinstance(last, _GUARD_ENDS):
        return True
    return (isinstance(last, ast.Expr) and isinstance(last.value, ast.Call)
            and isinstance(last.value.func, ast.Name) and last.value.func.id == "abort")


class _Finder(ast.NodeVisitor):
    """Walks one module and lists (node, operator, replacement code) for every mutation point."""

    def __init__(self) -> None:
        self.points: list[tuple[ast.AST, str, str, str]] = []
        self.scope: list[str] = []

    def _add(self, node: ast.AST, operator: str, new: str) -> None:
        self.points.append((node, operator, new, ".".join(self.scope) or "<module>"))

    def visit_Module(self, node: ast.Module) -> None:
        for stmt in node.body:
            if not _is_main_guard(stmt):
                self._statement(stmt)
                self.visit(stmt)

    def _scoped(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> None:
        for decorator in node.decorator_list:
            self._add(decorator, "decorator", "")
        self.scope.append(node.name)
        for stmt in node.body:
            self._statement(stmt)
        self.generic_visit(node)
        self.scope.pop()

    visit_FunctionDef = visit_AsyncFunctionDef = visit_ClassDef = _scoped

    def _body(self, stmts: list[ast.stmt]) -> None:
        for stmt in stmts:
            self._statement(stmt)

    def visit_If(self, node: ast.If) -> None:
        self._body(node.body)
        self._body(node.orelse)
        self.generic_visit(node)

    def visit_For(self, node: ast.For) -> None:
        self._body(node.body)
        self.generic_visit(node)

    visit_While = visit_With = visit_For

    def visit_Try(self, node: ast.Try) -> None:
        self._body(node.body)
        self._body(node.finalbody)
        for handler in node.handlers:
            self._body(handler.body)
        self.generic_visit(node)

    def _statement(self, stmt: ast.stmt) -> None:
        """Statements worth dropping: effects, stores on objects, guards."""
        if _is_docstring(stmt):
            return
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
            self._add(stmt, "drop", "pass")
        elif isinstance(stmt, ast.AugAssign):
            self._add(stmt, "drop", "pass")
        elif isinstance(stmt, ast.Assign) and all(
                isinstance(t, (ast.Attribute, ast.Subscript)) for t in stmt.targets):
            self._add(stmt, "drop", "pass")
        elif isinstance(stmt, ast.If) and _is_guard(stmt) and not _is_main_guard(stmt):
            self._add(stmt, "drop", "pass")
        elif isinstance(stmt, ast.Assert):
            self._add(stmt, "drop", "pass")

    def visit_Compare(self, node: ast.Compare) -> None:
        for i, op in enumerate(node.ops):
            swap = _COMPARE_SWAPS.get(type(op))
            if swap:
                ops = list(node.ops)
                ops[i] = swap()
                self._add(node, "compare", ast.unparse(ast.Compare(node.left, ops, node.comparators)))
        self.generic_visit(node)

    def visit_BoolOp(self, node: ast.BoolOp) -> None:
        other = ast.Or() if isinstance(node.op, ast.And) else ast.And()
        self._add(node, "bool", ast.unparse(ast.BoolOp(other, node.values)))
        self.generic_visit(node)

    def visit_UnaryOp(self, node: ast.UnaryOp) -> None:
        if isinstance(node.op, ast.Not):
            self._add(node, "bool", f"({ast.unparse(node.operand)})")
        self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        value = node.value
        if isinstance(value, bool):
            self._add(node, "number", repr(not value))
        elif isinstance(value, int):
            self._add(node, "number", repr(value + 1))
            self._add(node, "number", repr(value - 1))

    def visit_Call(self, node: ast.Call) -> None:
        args = node.args
        if (len(args) >= 2 and not any(isinstance(a, ast.Starred) for a in args[:2])
                and ast.unparse(args[0]) != ast.unparse(args[1])):
            swapped = ast.Call(node.func, [args[1], args[0], *args[2:]], node.keywords)
            self._add(node, "swap", ast.unparse(swapped))
        self.generic_visit(node)


def _offsets(text: str) -> list[int]:
    """Character offset of the start of each line (1-based line numbers index it)."""
    starts, total = [0, 0], 0
    for line in text.splitlines(keepends=True):
        total += len(line)
        starts.append(total)
    return starts


def _span(node: ast.AST, starts: list[int], text: str) -> tuple[int, int]:
    """The node's character span; ast's columns count UTF-8 bytes, so convert per line."""
    def at(line: int, col: int) -> int:
        line_text = text[starts[line]:starts[line + 1] if line + 1 < len(starts) else len(text)]
        return starts[line] + len(line_text.encode("utf-8")[:col].decode("utf-8", "replace"))
    return at(node.lineno, node.col_offset), at(node.end_lineno, node.end_col_offset)


def mutants_of_file(rel: str, text: str) -> Iterator[Mutant]:
    """Every mutant of one Python file, in source order."""
    try:
        tree = ast.parse(text)
    except SyntaxError as exc:
        raise CourseError(f"The reference file {rel} does not parse: {exc}.") from exc
    finder = _Finder()
    finder.visit(tree)
    starts = _offsets(text)
    seen: dict[str, int] = {}
    points = sorted(finder.points, key=lambda p: (p[0].lineno, p[0].col_offset))
    for node, operator, new, scope in points:
        begin, end = _span(node, starts, text)
        old = text[begin:end]
        if operator == "decorator":
            begin = text.rindex("@", 0, begin)
            line_end = text.find("\n", end)
            end = len(text) if line_end < 0 else line_end + 1
            while begin > 0 and text[begin - 1] in " \t":
                begin -= 1
            old = "@" + old
        if new == old:
            continue
        label = f"{rel}:{scope}: {operator} `{_short(old)}` → `{_short(new) or '(removed)'}`"
        seen[label] = seen.get(label, 0) + 1
        if seen[label] > 1:
            label += f" #{seen[label]}"
        mutated = text[:begin] + new + text[end:]
        try:
            ast.parse(mutated)
        except SyntaxError:
            continue
        yield Mutant(label, rel, node.lineno, operator, mutated)


OPERATORS = ("compare", "bool", "number", "drop", "decorator", "swap")


def _setting(lesson: Lesson, key: str, default: list[str]) -> tuple[str, ...]:
    value = _mutants_toml(lesson).get(key, default)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise CourseError(f"{lesson.checks_dir / MUTANTS_FILE}: {key} must be a list of strings.")
    return tuple(value)


def mutated_files(lesson: Lesson) -> tuple[str, ...]:
    """The glob patterns of the reference files to mutate (``files`` in mutants.toml)."""
    return _setting(lesson, "files", ["*.py"])


def mutation_operators(lesson: Lesson) -> tuple[str, ...]:
    """The operators to mutate with (``operators`` in mutants.toml; all by default)."""
    chosen = _setting(lesson, "operators", list(OPERATORS))
    unknown = sorted(set(chosen) - set(OPERATORS))
    if unknown:
        raise CourseError(f"{lesson.checks_dir / MUTANTS_FILE}: no operator named "
                          f"{', '.join(unknown)} (there are {', '.join(OPERATORS)}).")
    return chosen


def mutants_of(lesson: Lesson) -> list[Mutant]:
    """Every mutant of every Python file of the reference solution that mutants.toml names
    (by default all of them, starter-finished ones too), by the operators it names."""
    folder = lesson.solution_dir
    patterns, operators = mutated_files(lesson), mutation_operators(lesson)
    found: list[Mutant] = []
    for rel in learner_files(folder):
        if rel.suffix == ".py" and any(fnmatch.fnmatch(rel.as_posix(), p) for p in patterns):
            found.extend(m for m in mutants_of_file(rel.as_posix(),
                                                    (folder / rel).read_text(encoding="utf-8"))
                         if m.operator in operators)
    return found


@dataclass(frozen=True)
class Excuse:
    """Why a surviving mutant is not a hole: no client can tell, or the text allows it."""

    mutant: str
    kind: str
    reason: str


def _mutants_toml(lesson: Lesson) -> dict[str, object]:
    path = lesson.checks_dir / MUTANTS_FILE
    if not path.is_file():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise CourseError(f"{path} is malformed: {exc}.") from exc


def load_excuses(lesson: Lesson) -> dict[str, Excuse]:
    """The lesson's listed equivalent and allowed mutants, by id."""
    path = lesson.checks_dir / MUTANTS_FILE
    data = _mutants_toml(lesson)
    try:
        excuses: dict[str, Excuse] = {}
        for kind, key in (("equivalent", "why"), ("allowed", "quote")):
            for entry in data.get(kind, []):
                excuses[entry["id"]] = Excuse(entry["id"], kind, str(entry[key]))
    except (KeyError, TypeError) as exc:
        raise CourseError(f"{path} is malformed: {exc}.") from exc
    return excuses


class Verdict(str, enum.Enum):
    """What the checks made of one mutant."""

    KILLED = "killed"
    NOT_LOADED = "did not load"
    SURVIVED = "survived"
    BROKE = "check broke"


@dataclass(frozen=True)
class MutantResult:
    mutant: Mutant
    verdict: Verdict
    by: str = ""


def run_mutant(lesson: Lesson, mutant: Mutant,
               sessions: PreparedSessions | None = None) -> MutantResult:
    """Run the lesson's checks on one mutant, stopping at the first check that fails; with
    ``sessions``, forked from the lesson's prepared session (``flaskcourse.prepared``)."""
    with tempfile.TemporaryDirectory(prefix="flaskcourse-mutant-", dir=in_memory()) as tmp:
        target = Path(tmp) / lesson.name
        copy_tree(lesson.solution_dir, target, overwrite=True)
        (target / mutant.file).write_text(mutant.source, encoding="utf-8")
        report = run_checks(lesson, target, shown=lesson.solution_dir,
                            settings=RunSettings(time_limit=lesson.time_limit,
                                                 first_failure_only=True, scratch_root=in_memory(),
                                                 sessions=sessions))
    if report.load_error:
        return MutantResult(mutant, Verdict.NOT_LOADED, report.load_error.message.split(".")[0])
    failed = [c.id for c in report.checks if c.outcome.is_failure]
    if failed:
        return MutantResult(mutant, Verdict.KILLED, failed[0])
    broke = [c.id for c in report.checks if c.outcome is Outcome.ERROR]
    if broke:
        return MutantResult(mutant, Verdict.BROKE, broke[0])
    return MutantResult(mutant, Verdict.SURVIVED)


@dataclass(frozen=True)
class MutationSummary:
    """One lesson's mutation score: what the checks caught and what they let through."""

    lesson: Lesson
    results: tuple[MutantResult, ...]
    excuses: dict[str, Excuse]

    def count(self, verdict: Verdict) -> int:
        return sum(1 for r in self.results if r.verdict is verdict)

    def excused(self, kind: str) -> int:
        return sum(1 for r in self.results if r.verdict is Verdict.SURVIVED
                   and (e := self.excuses.get(r.mutant.id)) is not None and e.kind == kind)

    @property
    def holes(self) -> list[MutantResult]:
        """Survivors nobody has explained: each one is a missing check."""
        return [r for r in self.results
                if r.verdict is Verdict.SURVIVED and r.mutant.id not in self.excuses]

    @property
    def score(self) -> float:
        """Caught among the mutants a client could tell apart and the text forbids."""
        counted = len(self.results) - self.excused("equivalent") - self.excused("allowed")
        caught = self.count(Verdict.KILLED) + self.count(Verdict.NOT_LOADED)
        return 1.0 if counted <= 0 else caught / counted
