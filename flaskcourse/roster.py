"""A graded class written out for a teacher's tools: CSV for a spreadsheet, JSON for a script,
and a JUnit XML file per learner for anything that reads test reports."""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from flaskcourse.grading import Graded, Roster
from flaskcourse.junit import to_xml
from flaskcourse.report import LessonReport, LoadError

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A spreadsheet runs a cell that starts with one of these as a formula: learners choose their
file names and their code writes the messages, so such text is written with a leading '."""


def _points(value: float) -> float | int:
    return int(value) if value == int(value) else round(value, 4)


def _cell(text: str) -> str:
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def write_csv(roster: Roster, path: Path) -> None:
    """One row per learner: the totals, then one column per check (its outcome; empty when
    the check never ran)."""
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["learner", "passed", "total", "score", "max_score", "note",
                         *(column.id for column in roster.columns)])
        for row in roster.rows:
            writer.writerow([
                _cell(row.learner), row.passed, len(roster.columns), _points(row.score),
                _points(roster.max_score), _cell(row.note),
                *(row.outcomes[c.id].value if c.id in row.outcomes else ""
                  for c in roster.columns)])


def to_dict(roster: Roster) -> dict[str, Any]:
    lesson = roster.lesson
    return {
        "lesson": lesson.id, "slug": lesson.slug, "title": lesson.title,
        "max_score": _points(roster.max_score),
        "checks": [{"id": c.id, "name": c.name, "points": _points(c.points),
                    "passed_by": roster.passed_by(c)} for c in roster.columns],
        "submissions": [_row(row, roster) for row in roster.rows],
        "complete": roster.complete,
        "duration": round(roster.duration, 3),
    }


def _row(row: Graded, roster: Roster) -> dict[str, Any]:
    return {
        "learner": row.learner, "source": str(row.submission.path),
        "passed": row.passed, "total": len(roster.columns),
        "score": _points(row.score), "max_score": _points(roster.max_score),
        "note": row.note or None, "refused": row.refused,
        "checks": {c.id: row.outcomes[c.id].value if c.id in row.outcomes else None
                   for c in roster.columns},
        "report": row.report.to_dict() if row.report is not None else None,
    }


def write_json(roster: Roster, path: Path) -> None:
    path.write_text(json.dumps(to_dict(roster), indent=2) + "\n", encoding="utf-8")


def write_junit_dir(roster: Roster, folder: Path) -> list[Path]:
    """One JUnit XML file per learner, named by the learner; a submission that could not be
    graded is one error, saying why."""
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    taken: set[str] = set()
    for row in roster.rows:
        report = row.report or LessonReport(
            roster.lesson.id, roster.lesson.slug, roster.lesson.title,
            load_error=LoadError(f"not graded: {row.refused}"))
        tree = to_xml(report)
        suite = tree.getroot()
        suite.set("name", f"{suite.get('name')}.{row.learner}")
        properties = ET.Element("properties")
        ET.SubElement(properties, "property", {"name": "learner", "value": row.learner})
        ET.SubElement(properties, "property", {"name": "score", "value": str(_points(row.score))})
        suite.insert(0, properties)
        ET.indent(tree)
        path = folder / f"{_file_name(row.learner, taken)}.xml"
        tree.write(path, encoding="utf-8", xml_declaration=True)
        written.append(path)
    return written


def _file_name(learner: str, taken: set[str]) -> str:
    """The learner's name as a safe file name, different from every one given before."""
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", learner).strip("._") or "learner"
    name, count = base, 1
    while name.lower() in taken:
        count += 1
        name = f"{base}-{count}"
    taken.add(name.lower())
    return name
