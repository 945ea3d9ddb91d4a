"""A wheel of the flaskcourse that is running, with the course it is using, for an autograder
to install where no package index may hold it.

``pip wheel`` would need the source tree and a build backend fetched from an index; this reads
the files that run now instead, so it works the same from a source checkout and from an
installed copy. The course goes in as ``flaskcourse/_data``, where an installed flaskcourse
finds its lessons (``catalog.default_root``), so the wheel grades with the teacher's course.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.metadata
import tomllib
import zipfile
from collections.abc import Iterator
from pathlib import Path

import flaskcourse
from flaskcourse.catalog import Course
from flaskcourse.errors import CourseError
from flaskcourse.files import learner_files

NAME = "flaskcourse"
TAG = "py3-none-any"
STAMP = (1980, 1, 1, 0, 0, 0)
"""Every member's date: the same files make the same wheel, byte for byte."""
DATA = "_data"


def wheel_name() -> str:
    return f"{NAME}-{flaskcourse.__version__}-{TAG}.whl"


def build_wheel(course: Course, folder: Path) -> Path:
    """Write the wheel into ``folder``; returns its path."""
    package = Path(flaskcourse.__file__).resolve().parent
    metadata, entry_points = _metadata(package)
    info = f"{NAME}-{flaskcourse.__version__}.dist-info"
    members: list[tuple[str, bytes]] = [
        (f"{NAME}/{rel.as_posix()}", (package / rel).read_bytes())
        for rel in learner_files(package) if rel.parts[0] != DATA]
    members += [(f"{NAME}/{DATA}/{target}/{rel.as_posix()}", (source / rel).read_bytes())
                for target, source in _course_folders(course) for rel in learner_files(source)]
    members += [(f"{info}/METADATA", metadata.encode()),
                (f"{info}/WHEEL", f"Wheel-Version: 1.0\nGenerator: {NAME}\n"
                                  f"Root-Is-Purelib: true\nTag: {TAG}\n".encode()),
                (f"{info}/entry_points.txt", entry_points.encode())]
    record = "".join(f"{name},sha256={_digest(data)},{len(data)}\n" for name, data in members)
    members.append((f"{info}/RECORD", (record + f"{info}/RECORD,,\n").encode()))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / wheel_name()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as wheel:
        for name, data in members:
            member = zipfile.ZipInfo(name, STAMP)
            member.external_attr = 0o644 << 16
            member.compress_type = zipfile.ZIP_DEFLATED
            wheel.writestr(member, data)
    return path


def _course_folders(course: Course) -> Iterator[tuple[str, Path]]:
    """Each folder of the course, with its name inside ``_data`` (the layout pyproject.toml
    gives an installed copy)."""
    root = course.root
    for name in ("course", "exercises", "solutions", "checks"):
        yield name, root / name
    variants = root / "variants"
    yield "variants", variants if variants.is_dir() else root / "tests" / "variants"


def _digest(data: bytes) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def _metadata(package: Path) -> tuple[str, str]:
    """METADATA and entry_points.txt: from pyproject.toml in a source checkout (an editable
    install's own copy is as old as the install), else from the installed distribution."""
    pyproject = package.parent / "pyproject.toml"
    if pyproject.is_file():
        project = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {})
        if project.get("name") == NAME:
            lines = ["Metadata-Version: 2.1", f"Name: {NAME}",
                     f"Version: {flaskcourse.__version__}",
                     f"Summary: {project.get('description', '')}",
                     f"Requires-Python: {project.get('requires-python', '>=3.11')}",
                     *(f"Requires-Dist: {dependency}" for dependency in project.get("dependencies", []))]
            scripts = "".join(f"{name} = {target}\n"
                              for name, target in project.get("scripts", {}).items())
            return "\n".join(lines) + "\n", f"[console_scripts]\n{scripts}"
    try:
        installed = importlib.metadata.distribution(NAME)
    except importlib.metadata.PackageNotFoundError:
        raise CourseError("This flaskcourse is neither installed nor a source checkout, so no "
                          "wheel of it can be made for an autograder.",
                          hint="Install it with `pip install .` (or `pip install -e .`).") from None
    return installed.read_text("METADATA") or "", installed.read_text("entry_points.txt") or ""
