"""JUnit XML for CI systems and classroom autograders (one testsuite per lesson)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from flaskcourse.report import LessonReport, Outcome

ID_PROPERTY = "id"
"""Each testcase names its check's id in a property, as pytest's own JUnit XML carries
properties: the sentence is for people, the id is what points and autograders key on."""


def to_xml(report: LessonReport) -> ET.ElementTree:
    totals = report.totals
    suite = ET.Element("testsuite", {
        "name": f"flaskcourse.{report.lesson_id}-{report.slug}",
        "tests": str(max(totals["total"], 1 if report.load_error else 0)),
        "failures": str(sum(1 for c in report.checks if c.outcome.is_failure)),
        "errors": str(totals["error"] + (1 if report.load_error else 0)),
        "skipped": str(totals["skipped"]),
        "time": f"{report.duration:.3f}",
    })
    if report.load_error:
        case = ET.SubElement(suite, "testcase", {"classname": report.slug, "name": "the app loads"})
        error = ET.SubElement(case, "error", {"message": report.load_error.message})
        error.text = report.load_error.detail
    for result in report.checks:
        case = ET.SubElement(suite, "testcase", {
            "classname": report.slug, "name": result.name, "time": f"{result.duration:.3f}"})
        properties = ET.SubElement(case, "properties")
        ET.SubElement(properties, "property", {"name": ID_PROPERTY, "value": result.id})
        if result.outcome.is_failure:
            failure = ET.SubElement(case, "failure", {"message": result.message.splitlines()[0]
                                                      if result.message else result.outcome.value})
            failure.text = result.details
        elif result.outcome is Outcome.ERROR:
            ET.SubElement(case, "error", {"message": result.message}).text = result.message
        elif result.outcome is Outcome.SKIPPED:
            ET.SubElement(case, "skipped", {"message": result.message})
    return ET.ElementTree(suite)


def write_junit(report: LessonReport, path: Path) -> Path | None:
    """Write the report to ``path``; returns the first folder that had to be made for it, so
    the learner can be told (None when the folder was there)."""
    tree = to_xml(report)
    ET.indent(tree)
    missing = [folder for folder in path.absolute().parents if not folder.exists()]
    path.parent.mkdir(parents=True, exist_ok=True)
    tree.write(path, encoding="utf-8", xml_declaration=True)
    return missing[-1] if missing else None
