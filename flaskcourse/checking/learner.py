"""The learner's code as the checks see it: where it is, how it loads, how its errors read.

The app is found the way ``flask --app app`` finds it (Flask's ``find_best_app``), except that
a ``create_app``/``make_app`` factory is called with the checks' config mapping, as the course
contract promises. Each load imports the learner's modules afresh, so module-level state (an
in-memory list, a counter) never leaks from one check into the next.
"""

from __future__ import annotations

import ast
import builtins
import functools
import hashlib
import importlib
import inspect
import json
import os
import re
import resource
import socket
import sys
import traceback
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType, TracebackType
from typing import Any

from flask import Flask, got_request_exception

from flaskcourse.checking import netguard

CODE_ENV = "FLASKCOURSE_LEARNER_DIR"
SHOWN_ENV = "FLASKCOURSE_SHOWN_DIR"
SOURCES_ENV = "FLASKCOURSE_LEARNER_SOURCES"
ENTRY_MODULE = "app"

exceptions: list[BaseException] = []
"""Exceptions the learner's app raised while answering the current request."""


class LoadFailure(Exception):
    """The learner's app could not be built; says why in one paragraph, with file and line."""

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None,
                 detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.detail = detail


class Forbidden(RuntimeError):
    """Learner code did something that cannot work under a checker (or a real server)."""


def code_dir() -> Path:
    """The folder the checks import from (a temporary copy when run by flaskcourse)."""
    value = os.environ.get(CODE_ENV)
    if not value:
        raise RuntimeError(f"{CODE_ENV} is not set: run the checks through flaskcourse")
    return _resolved(value)


@functools.lru_cache(maxsize=4)
def _resolved(folder: str) -> Path:
    """Resolving touches the disk; every check asks for the same folder many times."""
    return Path(folder).resolve()


def shown_dir() -> Path:
    """The learner's own folder, named in messages instead of the temporary copy."""
    return Path(os.environ.get(SHOWN_ENV) or code_dir())


def is_learner_file(filename: str) -> bool:
    if filename.startswith("<"):  # <frozen ...>, <string>, SQLAlchemy's generated wrappers
        return False
    root = str(code_dir())
    if os.path.isabs(filename) and not filename.startswith(root):
        # Modules load from sys.path entries, and the learner's folder is there resolved: a file
        # elsewhere (the standard library, site-packages) needs no trip to the disk to rule out.
        return False
    try:
        Path(filename).resolve().relative_to(code_dir())
    except ValueError:
        return False
    return True


def shown(text: str) -> str:
    """``text`` with the temporary copy's path replaced by the learner's own folder."""
    return text.replace(str(code_dir()), str(shown_dir()))


def show_path(filename: str) -> str:
    """A learner file as the learner knows it: relative to the lesson folder."""
    try:
        return str(Path(filename).resolve().relative_to(code_dir()))
    except ValueError:
        return filename


def learner_frames(tb: TracebackType | None) -> list[traceback.FrameSummary]:
    return [f for f in traceback.extract_tb(tb) if is_learner_file(f.filename)]


def exception_text(exc: BaseException) -> str:
    """``NameError: name 'reqest' is not defined. Did you mean: 'request'?``: what Python itself
    prints, suggestion included (Python 3.11 adds it only when it prints the traceback)."""
    text = f"{type(exc).__name__}: {exc}".rstrip(": ")
    suggestion = _suggestion(exc)
    return f"{text}. Did you mean: {suggestion!r}?" if suggestion else text


def _suggestion(exc: BaseException) -> str | None:
    """The name Python would suggest for a misspelt name or attribute, if any."""
    import difflib

    name = getattr(exc, "name", None)
    if not isinstance(name, str) or "Did you mean" in str(exc):
        return None
    if isinstance(exc, NameError):
        tb = exc.__traceback__
        while tb is not None and tb.tb_next is not None:
            tb = tb.tb_next
        if tb is None:
            return None
        frame = tb.tb_frame
        candidates = [*frame.f_locals, *frame.f_globals, *vars(builtins)]
    elif isinstance(exc, AttributeError) and getattr(exc, "obj", None) is not None:
        try:
            candidates = dir(exc.obj)
        except Exception:  # noqa: BLE001 - a learner's __dir__ may raise anything
            return None
    else:
        return None
    found = difflib.get_close_matches(name, [c for c in candidates if c != name], n=1, cutoff=0.75)
    return found[0] if found else None


def frames_text(exc: BaseException) -> str:
    """The learner's own frames of a traceback, innermost last; '' when there are none."""
    lines = []
    for frame in learner_frames(exc.__traceback__):
        lines.append(f"  {show_path(frame.filename)}, line {frame.lineno}, in {frame.name}")
        if frame.line:
            lines.append(f"    {frame.line.strip()}")
    return "\n".join(lines)


def describe_exception(exc: BaseException, prefix: str = "your app raised") -> str:
    """``your app raised KeyError: 'x'`` and the learner's own frames, none of ours or Flask's."""
    lines = [shown(f"{prefix} {exception_text(exc)}")]
    if isinstance(exc, MemoryError):
        lines.append(f"  {_out_of_memory()}")
    if frames := frames_text(exc):
        lines.append(frames)
    lines.extend(_template_help(exc))
    return "\n".join(lines)


def _template_help(exc: BaseException) -> list[str]:
    from jinja2 import TemplateNotFound

    if not isinstance(exc, TemplateNotFound):
        return []
    looked = [str(Path(p)) for p in getattr(exc, "templates", []) or [exc.name]]
    folder = shown_dir() / "templates"
    return [f"  Flask looked for {', '.join(looked)} in {folder} (and in blueprints' template folders)."]


def source_files(root: Path | None = None) -> list[Path]:
    """The learner's .py files (no virtual environments, caches or hidden folders)."""
    from flaskcourse.files import learner_files

    root = root or code_dir()
    return [root / rel for rel in learner_files(root) if rel.suffix == ".py"
            and not any(part.startswith(".") for part in rel.parts)]


def source_digests(root: Path) -> dict[str, str]:
    """A digest of each of the learner's .py files, by path relative to ``root``: the runner
    hands them to the checks, which can then tell when the learner's code rewrote its own."""
    return {str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in source_files(root)}


def _changed_sources() -> list[str]:
    """The .py files of the copy that differ from what the runner copied (none when the checks
    were not started by the runner)."""
    value = os.environ.get(SOURCES_ENV)
    if not value:
        return []
    now = source_digests(code_dir())
    return sorted(rel for rel, digest in {**now, **json.loads(value)}.items()
                  if now.get(rel) != digest)


def calls_to(name: str) -> list[tuple[str, int]]:
    """Where the learner's code calls a function named ``name`` (``x.name(...)`` or
    ``name(...)``), as (file, line); comments and strings do not count. For the few
    properties behaviour cannot show, such as a constant-time comparison."""
    found = []
    for path in source_files():
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        except (SyntaxError, UnicodeDecodeError, ValueError):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
                if called == name:
                    found.append((show_path(str(path)), node.lineno))
    return found


_not_learners: dict[str, ModuleType] = {}
"""Modules already found not to be the learner's, by name. A check process holds a thousand
or more (a warm parent imported every lesson's libraries)."""


class _ImportWatch:
    """Writes down the name of each module imported since the last purge.

    Python asks every finder on ``sys.meta_path`` about a module before it loads one; this one
    is asked first, notes the name and finds nothing. Each check imports the app afresh, so a
    purge then looks at the few modules imported since the one before, not at all of
    ``sys.modules``. That full look cost a check process about a tenth of its time, and a third
    of its page faults: it touches, and so copies after a fork, every page that holds a module.
    """

    def __init__(self) -> None:
        self.names: set[str] = set()
        self.settled = -1
        """How many modules there were after the last purge (-1: no purge yet)."""
        self.parents_files = ""
        """The files of the modules a parent process held when it forked this one, a line each
        (see ``mark_parents_modules``); empty once this process has purged."""
        self.parents_relative: list[str] = []

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> None:
        self.names.add(fullname)

    def to_look_at(self, root: str) -> list[str]:
        """The modules the next purge must look at: those imported since the last purge (or
        since the parent forked, when none of its modules' files lies under ``root``); all of
        them the first time, when the watch was taken off ``sys.meta_path``, or when
        ``sys.modules`` grew by more than the imports it saw (a module set there by hand)."""
        unseen = len(sys.modules) > self.settled + len(self.names)
        parents_clear = not self.parents_files or f"\n{root}" not in self.parents_files
        if self.settled < 0 or unseen or self not in sys.meta_path or not parents_clear:
            self._watch()
            return list(sys.modules)
        return [name for name in (*self.names, *self.parents_relative) if name in sys.modules]

    def settle(self) -> None:
        self.names.clear()
        self.settled = len(sys.modules)
        self.parents_files, self.parents_relative = "", []

    def _watch(self) -> None:
        if self not in sys.meta_path:
            sys.meta_path.insert(0, self)

    def mark_parents_modules(self) -> None:
        """Note the modules this process holds, before it forks check processes: their first
        purge then looks only at the modules imported since, unless one of these files lies in
        their learner's folder (which this process cannot know yet).

        Once is enough: the watch notes what this process imports afterwards, and the forks
        inherit that too. Looking again before each fork would touch every module, and so copy
        every page that holds one, in this process and in the forks still running."""
        if self.parents_files and self in sys.meta_path:
            return
        files, relative = [], []
        for name, module in list(sys.modules.items()):
            filename = getattr(module, "__file__", None)
            if not isinstance(filename, str) or filename.startswith("<"):
                continue
            if os.path.isabs(filename):
                files.append(filename)
            else:
                relative.append(name)
        self._watch()
        self.settle()
        self.parents_files, self.parents_relative = "\n" + "\n".join(files), relative


_watch = _ImportWatch()
mark_parents_modules = _watch.mark_parents_modules


def _purge_learner_modules() -> None:
    for name in _watch.to_look_at(str(code_dir())):
        module = sys.modules.get(name)
        if module is None or _not_learners.get(name) is module:
            continue
        filename = getattr(module, "__file__", None)
        if filename and is_learner_file(filename):
            del sys.modules[name]
        else:
            _not_learners[name] = module
    _watch.settle()
    importlib.invalidate_caches()


def _refuse_run(self: Flask, *args: Any, **kwargs: Any) -> None:
    raise Forbidden(
        "app.run() was called while the checks were loading your app. Starting a server at "
        "import time blocks everything else: put it under `if __name__ == \"__main__\":`."
    )


def _refuse_input(*args: Any, **kwargs: Any) -> str:
    raise Forbidden(
        "input() waits for someone at the keyboard, and a web app has no keyboard: "
        "take values from the request (request.args, request.form, request.get_json()) instead."
    )


def install_guards() -> None:
    """Make the calls that would hang a checker fail at once with a message that says why."""
    Flask.run = _refuse_run  # type: ignore[method-assign]
    builtins.input = _refuse_input


@contextmanager
def _no_fixed_ports() -> Iterator[None]:
    """While the learner's module is imported, binding a fixed port is refused: it means a
    server starting at import time, which would hang the checks (and clash with a second run)."""
    real_bind = socket.socket.bind

    def bind(self: socket.socket, address: Any) -> None:
        if isinstance(address, tuple) and len(address) >= 2 and address[1]:
            raise Forbidden(
                f"the module binds port {address[1]} while it is being imported. A server "
                "started at import time never returns; start it under "
                "`if __name__ == \"__main__\":` instead."
            )
        real_bind(self, address)

    socket.socket.bind = bind  # type: ignore[method-assign]
    try:
        yield
    finally:
        socket.socket.bind = real_bind  # type: ignore[method-assign]


def _out_of_memory() -> str:
    limit = resource.getrlimit(resource.RLIMIT_AS)[0]
    allowed = ("all the memory there was" if limit == resource.RLIM_INFINITY
               else f"the {limit / 1024**3:g} GiB the checks allow")
    return (f"it ran out of memory: it used {allowed}. Look for a list, string or dict that "
            "grows without end, or a loop that never stops adding to one.")


CIRCULAR = re.compile(r"cannot import name '(?P<name>[^']+)' from partially initialized module "
                      r"'(?P<module>[^']+)'")


def _failure_from(exc: BaseException, doing: str) -> LoadFailure:
    if isinstance(exc, SyntaxError) and exc.filename and is_learner_file(exc.filename):
        where = show_path(exc.filename)
        if "(unicode error)" in str(exc.msg):
            return LoadFailure(
                f"{where} is not UTF-8 text: line {exc.lineno} holds a character saved in another "
                "encoding, so Python could not read the file. Save it as UTF-8 (your editor's "
                "encoding setting) and check that line.",
                file=where, line=exc.lineno)
        detail = ""
        if exc.text:
            caret = " " * max((exc.offset or 1) - 1, 0) + "^"
            detail = f"{exc.text.rstrip()}\n{caret}"
        return LoadFailure(
            f"{where} has a syntax error on line {exc.lineno}: {exc.msg}. Python could not read "
            "the file, so no check could run. Fix that line (and look at the one above it too).",
            file=where, line=exc.lineno, detail=detail,
        )
    frames = learner_frames(exc.__traceback__)
    last = frames[-1] if frames else None
    where = f"{show_path(last.filename)}, line {last.lineno}" if last else None
    circular = CIRCULAR.search(str(exc)) if isinstance(exc, ImportError) else None
    if netguard.attempts:
        message = (f"{doing} failed: your code tried to reach the network "
                   f"({', '.join(sorted(set(netguard.attempts)))}). Checks run offline, and a "
                   "module should not call outside services while it is imported: call them in "
                   "a view, the way the lesson shows, so the checks can stand in for them.")
    elif isinstance(exc, ModuleNotFoundError) and exc.name:
        message = (f"{doing} failed: it imports the module {exc.name!r}, which is not installed "
                   "and is not a file in your lesson folder.")
    elif circular:
        message = (f"{doing} failed: a circular import. Two of your modules import each other, "
                   f"and one asked {circular['module']}.py for {circular['name']!r} before "
                   f"{circular['module']}.py had finished running. Import inside the function "
                   "that needs it, or use flask.current_app instead of importing the app.")
    elif isinstance(exc, MemoryError):
        message = f"{doing} failed: {_out_of_memory()}"
    elif isinstance(exc, SystemExit):
        message = f"{doing} ended the process (sys.exit({exc.code!r})), so no check could run."
    elif isinstance(exc, Forbidden):
        message = f"{doing} failed: {exc}"
    else:
        message = shown(f"{doing} raised {exception_text(exc)}")
    if where:
        message += f" (at {where})"
    # The message has said what went wrong; the detail adds only where, in the learner's code.
    detail = frames_text(exc)
    return LoadFailure(
        message,
        file=show_path(last.filename) if last else None,
        line=last.lineno if last else None,
        detail=f"Your code, innermost call last:\n{detail}" if detail else "",
    )


def import_entry_module() -> ModuleType:
    """Import ``app.py`` afresh from the learner's folder."""
    folder = code_dir()
    changed = _changed_sources()
    if changed:
        raise LoadFailure(
            f"Your code changed {', '.join(changed)} while the checks ran (it rewrote or deleted "
            "its own source), so the checks after that could not load your app. The checks work "
            "on a copy of your folder: your own files are safe. Keep what your app writes out "
            "of its .py files (write data under app.instance_path, or a path from app.config).",
            file=changed[0])
    if not (folder / f"{ENTRY_MODULE}.py").is_file():
        raise LoadFailure(
            f"There is no {ENTRY_MODULE}.py in {shown_dir()}: the checks start from that file.",
        )
    _purge_learner_modules()
    _refuse_shadowing(folder)
    if sys.path[:1] != [str(folder)]:
        sys.path.insert(0, str(folder))
    try:
        with _no_fixed_ports():
            return importlib.import_module(ENTRY_MODULE)
    except (Exception, SystemExit) as exc:
        raise _failure_from(exc, f"Importing {ENTRY_MODULE}.py") from exc


def _refuse_shadowing(folder: Path) -> None:
    """A learner file named like a module the app already uses (``flask.py``) would be imported
    instead of it by ``python app.py`` or ``flask run``; say so rather than check around it."""
    for path in sorted(folder.iterdir()):
        is_package = path.is_dir() and (path / "__init__.py").is_file()
        name = path.name if is_package else path.stem if path.suffix == ".py" else None
        module = sys.modules.get(name) if name else None
        origin = getattr(getattr(module, "__spec__", None), "origin", None)
        if origin and origin not in ("built-in", "frozen") and not is_learner_file(origin):
            raise LoadFailure(
                f"{path.name} in your lesson folder has the same name as the module {name} that "
                f"Flask and your app use, so `import {name}` would load your file instead of "
                f"the real one. Rename your file (for example to my_{path.name}).",
                file=path.name)


def _accepts_argument(factory: Any) -> bool:
    try:
        params = inspect.signature(factory).parameters.values()
    except (TypeError, ValueError):
        return True
    return any(p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD, p.VAR_POSITIONAL)
               for p in params)


def _record_exception(sender: Flask, exception: BaseException, **extra: Any) -> None:
    exceptions.append(exception)


def build_app(config: Mapping[str, Any], *, reimport: bool = True) -> Flask:
    """Build the learner's app with the checks' config, importing its module afresh.

    A ``create_app(config)`` factory is handed the mapping and merges it itself; a module-level
    app (or a factory without parameters) gets the mapping applied to ``app.config`` afterwards.

    ``reimport=False`` builds from the module already imported, so module-level state is shared
    with the apps built before: how a check proves two apps do *not* share state by accident.
    """
    from flask.cli import NoAppException, find_best_app

    loaded = sys.modules.get(ENTRY_MODULE)
    module = loaded if loaded is not None and not reimport else import_entry_module()
    factory = next((getattr(module, n) for n in ("create_app", "make_app")
                    if inspect.isfunction(getattr(module, n, None))), None)
    merged_by_factory = factory is not None and _accepts_argument(factory)
    try:
        if factory is not None:
            app = factory(dict(config)) if merged_by_factory else factory()
            if not isinstance(app, Flask):
                raise LoadFailure(
                    f"{factory.__name__}() returned {type(app).__name__}, not a Flask app: "
                    "end it with `return app`.",
                    file=show_path(inspect.getsourcefile(factory) or ""),
                    line=inspect.getsourcelines(factory)[1],
                )
        else:
            app = find_best_app(module)
    except NoAppException as exc:
        raise LoadFailure(
            f"{ENTRY_MODULE}.py defines no Flask app that the checks can find: give it a "
            f"module-level `app = Flask(__name__)` or a `create_app(config=None)` factory. "
            f"(Flask said: {exc})",
            file=f"{ENTRY_MODULE}.py",
        ) from exc
    except LoadFailure:
        raise
    except (Exception, SystemExit) as exc:
        raise _failure_from(exc, f"Calling {factory.__name__ if factory else 'the app'}()") from exc
    if not merged_by_factory:
        # A module-level app or a factory without a config parameter: apply the test config the
        # way Flask's testing docs do. A factory that takes config merges it itself (the course
        # contract); overwriting afterwards would undo what it derived from it and hide a factory
        # that ignores its config.
        app.config.update(config)
    got_request_exception.connect(_record_exception, app)
    return app

