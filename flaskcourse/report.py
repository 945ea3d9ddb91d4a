"""Result objects of a check run: what the runner returns and every renderer reads."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from flaskcourse.outcomes import Outcome  # its home, and still importable from here


@dataclass(frozen=True)
class CheckResult:
    """One check: its sentence, its outcome and, when it did not pass, why."""

    id: str
    name: str
    outcome: Outcome
    message: str = ""
    request: str | None = None
    expected: str | None = None
    got: str | None = None
    help: str | None = None
    duration: float = 0.0
    stuck_at: str | None = None
    """For a check that hung: the learner's line it was stuck on (``app.py, line 9: `...```)."""

    @property
    def cause(self) -> tuple[str, ...]:
        """What went wrong, without which request showed it: the answer that came back (and
        the app's own error behind it), or the message of a check that got no answer."""
        if self.got is not None:
            return ("answer", self.got, self.help or "")
        if self.stuck_at:
            return ("hang", self.stuck_at)
        return (self.outcome.value, self.message)

    @property
    def details(self) -> str:
        """Request, expected, got and why, one per line (or the message): the failure as plain
        text, for JUnit XML and the autograders."""
        parts = [("request", self.request), ("expected", self.expected), ("got", self.got),
                 ("why", self.help)]
        lines = [f"{label}: {value}" for label, value in parts if value]
        return "\n".join(lines) or self.message

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["outcome"] = self.outcome.value
        data["duration"] = round(self.duration, 4)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CheckResult:
        fields = {k: data.get(k) for k in ("request", "expected", "got", "help", "stuck_at")}
        return cls(
            id=str(data["id"]),
            name=str(data.get("name") or data["id"]),
            outcome=Outcome(data["outcome"]),
            message=str(data.get("message") or ""),
            duration=float(data.get("duration") or 0.0),
            **fields,
        )


@dataclass(frozen=True)
class LoadError:
    """The learner's app could not be loaded at all: one paragraph, with file and line."""

    message: str
    file: str | None = None
    line: int | None = None
    detail: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class LessonReport:
    """Everything one run of a lesson's checks found."""

    lesson_id: str
    slug: str
    title: str
    checks: tuple[CheckResult, ...] = ()
    load_error: LoadError | None = None
    duration: float = 0.0
    output: str = ""
    notices: tuple[str, ...] = field(default=())
    printed_lines: int = 0
    """How many lines the app printed (``output`` holds them, under a heading per check)."""

    @property
    def passed(self) -> bool:
        return (
            self.load_error is None
            and bool(self.checks)
            and all(c.outcome in (Outcome.PASSED, Outcome.SKIPPED) for c in self.checks)
        )

    @property
    def could_not_check(self) -> bool:
        """True when no failure is the learner's but something kept a check from running."""
        return self.load_error is None and any(c.outcome is Outcome.ERROR for c in self.checks)

    def count(self, outcome: Outcome) -> int:
        return sum(1 for c in self.checks if c.outcome is outcome)

    @property
    def totals(self) -> dict[str, int]:
        totals = {o.value: self.count(o) for o in Outcome}
        totals["total"] = len(self.checks)
        return totals

    def failed_ids(self) -> set[str]:
        return {c.id for c in self.checks if c.outcome.is_failure}

    def problems_by_cause(self) -> list[list[CheckResult]]:
        """The checks that did not pass, grouped by what went wrong, in check order: checks
        that got the same answer (or hung at the same line) share a cause, and fixing it fixes
        them all, so one of them is enough to read."""
        groups: dict[tuple[str, ...], list[CheckResult]] = {}
        for check in self.checks:
            if check.outcome not in (Outcome.PASSED, Outcome.SKIPPED):
                groups.setdefault(check.cause, []).append(check)
        return list(groups.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "lesson": self.lesson_id,
            "slug": self.slug,
            "title": self.title,
            "passed": self.passed,
            "load_error": self.load_error.to_dict() if self.load_error else None,
            "checks": [c.to_dict() for c in self.checks],
            "totals": self.totals,
            "duration": round(self.duration, 3),
            "notices": list(self.notices),
        }
