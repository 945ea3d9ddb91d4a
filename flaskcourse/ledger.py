"""A lesson's contract ledger: every demand of the lesson text, and the checks that prove it.

The ledger (``checks/NN-slug/ledger.toml``) is written from the text, then the checks from the
ledger. Each line quotes the text word for word, so a ledger cannot drift from a text that
changes, and names the checks that prove the demand: ``checks`` catch the breach, ``neighbours``
prove that the valid input next to it is still accepted (a rule has two sides).

```toml
[[demand]]
quote = "a b of 0 gets 422"           # words of the lesson text, as they stand there
checks = ["test_b_zero_gives_422"]
neighbours = ["test_ten_by_two_is_five"]
```
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from flaskcourse.catalog import Lesson
from flaskcourse.checkindex import check_files
from flaskcourse.errors import CourseError

LEDGER_FILE = "ledger.toml"
_MARKUP = re.compile(r"[`*_\\]")


@dataclass(frozen=True)
class Demand:
    quote: str
    checks: tuple[str, ...]
    neighbours: tuple[str, ...] = ()


def normalise(text: str) -> str:
    """Text as compared with a quote: Markdown emphasis and code marks gone, spaces folded."""
    return " ".join(_MARKUP.sub("", text).split()).casefold()


def in_lesson_text(lesson: Lesson, quote: str) -> bool:
    """True when ``quote`` stands in the lesson text (Markdown marks and line breaks aside)."""
    try:
        text = lesson.text_path.read_text(encoding="utf-8")
    except OSError:
        return False
    return normalise(quote) in normalise(text)


def load_ledger(lesson: Lesson) -> list[Demand] | None:
    """The lesson's demands, or None when it has no ledger."""
    path = lesson.checks_dir / LEDGER_FILE
    if not path.is_file():
        return None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return [Demand(str(d["quote"]), tuple(d["checks"]), tuple(d.get("neighbours", ())))
                for d in data.get("demand", [])]
    except (KeyError, TypeError, tomllib.TOMLDecodeError) as exc:
        raise CourseError(f"{path} is malformed: {exc}.") from exc


def ledger_problems(lesson: Lesson) -> list[str]:
    """What is wrong with the ledger: missing, unquoted demands, unknown or unledgered checks."""
    demands = load_ledger(lesson)
    if demands is None:
        return [f"no contract ledger ({Path(lesson.checks_dir.name) / LEDGER_FILE})"]
    known = set(check_files(lesson))
    problems = []
    named: set[str] = set()
    for demand in demands:
        if not demand.checks:
            problems.append(f'the demand "{demand.quote[:60]}" names no check')
        if not in_lesson_text(lesson, demand.quote):
            problems.append(f'the ledger quotes "{demand.quote[:60]}", which the lesson text does not say')
        for check in (*demand.checks, *demand.neighbours):
            if check not in known:
                problems.append(f'the demand "{demand.quote[:40]}" names {check}, which is no check')
            named.add(check)
    orphans = sorted(known - named)
    if orphans:
        problems.append("checks in no ledger line: " + ", ".join(orphans))
    return problems
