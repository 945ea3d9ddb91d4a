"""The lesson texts' own examples, run: a learner pastes them and believes them.

Every fenced ``python`` block of a lesson text either holds a ``>>>`` session, which runs as a
doctest (ELLIPSIS and NORMALIZE_WHITESPACE: a value that varies from run to run is written
``...``), or must compile, unless its info string says ``python fragment`` (a piece of a larger
file, such as a lone method or a line with ``...`` in it). The sessions of one lesson share
their names, in the order they stand, as a learner's one interpreter would, and run in a child
process whose working directory is a copy of the lesson's reference solution, so
``from app import create_app`` finds the app the text describes. A block marked
``python network`` talks to a real service: ``verify`` cannot reach the internet, so it runs the
session against the answers recorded in the lesson's ``services.toml`` (``[[answer]]`` with
``url``, ``json`` and optionally ``method``): a request to any URL not recorded there fails, so
the URL the example builds is checked.

A block of shell commands (``$ `` lines, continued with a trailing backslash or a ``> `` line,
each followed by what it prints) is a ``console`` block, and runs: its commands, in the order they
stand in the text, go through one ``bash`` against the lesson's reference served as ``flaskcourse
serve`` serves it (``flask run --debug``, on a free loopback port that the text and the output
both call 5000). What a command prints must be what the text shows: JSON is compared as values
(debug mode indents it; the text may show it compact), ``...`` stands for anything, and for
``curl -i`` the status and each header shown must be there. Commands that start a server or
change the environment (``flaskcourse …``, ``flask run``, ``pip``, ``cd``) are not run. Marks:
``console starter`` runs against the starter (a lesson about fixing it shows its faults),
``console network`` runs against a reference whose calls to outside services meet the answers
recorded in ``services.toml`` (any other URL fails), and ``console sketch`` shows an app that
is not the lesson's: it does not run.
"""

from __future__ import annotations

import doctest
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

from flaskcourse.catalog import Lesson
from flaskcourse.childenv import inherited_env
from flaskcourse.files import copy_tree

FENCE = re.compile(r"^(?P<indent>[ \t]*)```(?P<info>[^`]*)$")
CHILD_SECONDS = 60
SERVICES_FILE = "services.toml"


@dataclass(frozen=True)
class Block:
    """One fenced code block: where it opens, its info string and its text (dedented)."""

    line: int
    info: str
    code: str

    @property
    def language(self) -> str:
        return self.info.split(" ", 1)[0]

    @property
    def marks(self) -> set[str]:
        return set(self.info.split()[1:])


def blocks(text: str) -> list[Block]:
    """The fenced blocks of a Markdown text, in order; fences may be indented (in lists)."""
    found, lines = [], text.splitlines()
    i = 0
    while i < len(lines):
        opening = FENCE.match(lines[i])
        if not opening:
            i += 1
            continue
        indent, start = len(opening["indent"]), i
        i += 1
        body = []
        while i < len(lines) and not (FENCE.match(lines[i]) and not FENCE.match(lines[i])["info"].strip()):
            body.append(lines[i][indent:] if lines[i][:indent].strip() == "" else lines[i])
            i += 1
        found.append(Block(start + 1, opening["info"].strip(), "\n".join(body) + "\n"))
        i += 1
    return found


@dataclass(frozen=True)
class TextProblem:
    """An example of a lesson text that does not do what the text shows."""

    line: int
    what: str

    def __str__(self) -> str:
        return f"README.md line {self.line}: {self.what}"


def compile_problems(found: list[Block]) -> list[TextProblem]:
    """Python blocks without a session must compile, unless marked as a fragment; shell
    sessions must say they are ``console`` blocks, or they would escape being run."""
    problems = []
    for block in found:
        if block.language not in ("console", "python") and any(
                line.startswith(PROMPT) for line in block.code.splitlines()):
            problems.append(TextProblem(block.line, "a block of $ commands must be marked "
                                        "`console` (it is run, and what it shows compared)"))
        if block.language != "python" or "fragment" in block.marks or ">>>" in block.code:
            continue
        try:
            compile(block.code, f"block at line {block.line}", "exec")
        except SyntaxError as exc:
            problems.append(TextProblem(block.line + (exc.lineno or 0),
                                        f"this Python does not compile ({exc.msg}); mark the "
                                        "block `python fragment` if it is a piece of a file"))
    return problems


CHILD = r'''
import doctest, json, os, sys
sys.path.insert(0, os.getcwd())
blocks, services = json.load(sys.stdin)
flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
parser, globs, problems = doctest.DocTestParser(), {"__name__": "__lesson__"}, []


class Runner(doctest.DocTestRunner):
    def report_failure(self, out, test, example, got):
        problems.append([test.lineno + example.lineno + 1,
                         "shown " + json.dumps(example.want.rstrip()) + ", really "
                         + json.dumps(got.rstrip()), example.source.strip()])

    def report_unexpected_exception(self, out, test, example, exc_info):
        kind, value = exc_info[:2]
        got = f"{kind.__name__}: {str(value).splitlines()[0] if str(value) else ''}".rstrip(": ")
        problems.append([test.lineno + example.lineno + 1,
                         "shown " + json.dumps(example.want.rstrip()) + ", really raises "
                         + json.dumps(got), example.source.strip()])


runner = Runner(optionflags=flags, verbose=False)
for line, code, network in blocks:
    test = parser.get_doctest(code, globs, f"line {line}", None, line)
    if network:  # the live service, played by the lesson's recorded answers: any other URL fails
        import responses
        with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
            for answer in services:
                mock.add(answer.get("method", "GET"), answer["url"], json=answer["json"],
                         match=[responses.matchers.query_param_matcher(answer["query"], strict_match=False)]
                         if "query" in answer else [])
            runner.run(test, out=lambda text: None, clear_globs=False)
    else:
        runner.run(test, out=lambda text: None, clear_globs=False)
    globs = test.globs  # a DocTest works on a copy: carry its names on to the next block
json.dump(problems, sys.stdout)
'''


def _services(lesson: Lesson) -> list[dict[str, object]]:
    """What the outside services answer, for ``python network`` sessions (see SERVICES_FILE)."""
    path = lesson.text_path.parent / SERVICES_FILE
    if not path.is_file():
        return []
    return list(tomllib.loads(path.read_text(encoding="utf-8")).get("answer", []))


def session_problems(lesson: Lesson, found: list[Block]) -> list[TextProblem]:
    """Run the lesson's ``>>>`` sessions in one child, in a copy of the reference solution."""
    sessions = [(b.line, b.code, "network" in b.marks) for b in found
                if b.language in ("python", "pycon", "") and ">>>" in b.code]
    if not sessions:
        return []
    services = _services(lesson)
    if any(network for *_, network in sessions) and not services:
        return [TextProblem(next(line for line, _, network in sessions if network),
                            f"a network session needs the service's answers in {SERVICES_FILE}")]
    with tempfile.TemporaryDirectory(prefix="flaskcourse-text-") as tmp:
        work = Path(tmp) / lesson.name
        copy_tree(lesson.solution_dir, work, overwrite=True)
        env = inherited_env()
        env.update({"PYTHONDONTWRITEBYTECODE": "1", "HOME": tmp, "TMPDIR": tmp})
        try:
            done = subprocess.run([sys.executable, "-c", CHILD], input=json.dumps([sessions, services]),
                                  capture_output=True, text=True, cwd=work, env=env,
                                  timeout=CHILD_SECONDS)
        except subprocess.TimeoutExpired:
            return [TextProblem(sessions[0][0], f"the sessions did not finish in {CHILD_SECONDS} s")]
    if done.returncode != 0:
        return [TextProblem(sessions[0][0], "the sessions could not run: "
                            + (done.stderr.strip().splitlines() or ["?"])[-1])]
    return [TextProblem(line, f"{source!r}: {what}") for line, what, source in json.loads(done.stdout)]


def text_problems(lesson: Lesson) -> list[TextProblem]:
    """Everything in the lesson text that does not run as shown."""
    try:
        found = blocks(lesson.text_path.read_text(encoding="utf-8"))
    except OSError:
        return []
    return sorted(compile_problems(found) + session_problems(lesson, found)
                  + console_problems(lesson, found), key=lambda p: p.line)


# ------------------------------------------------------------------- what `serve` answers

PROMPT = "$ "
MARK = "\x1e"
PORT_IN_TEXT = re.compile(r"(127\.0\.0\.1|localhost):5000")
NOT_RUN = re.compile(r"^(\w+=\S*\s+)*(flaskcourse |flask (--app \S+ )?run|python3? app\.py|python3? -m (venv|pip)|"
                     r"pip |waitress-serve|gunicorn|cd |source |\. |\$EDITOR|vim? |nano |code )")
CONTINUED = "> "
START_SECONDS = 20.0


@dataclass(frozen=True)
class Command:
    line: int
    text: str
    shown: str


def commands(found: list[Block]) -> list[Command]:
    """The ``$ `` commands of the console blocks that talk to the server, with what each shows."""
    result = []
    for block in found:
        if block.language != "console" or "sketch" in block.marks:
            continue
        lines = block.code.rstrip("\n").split("\n")
        i = 0
        while i < len(lines):
            if not lines[i].startswith(PROMPT):
                i += 1
                continue
            start, text = i, lines[i][len(PROMPT):]
            while i + 1 < len(lines) and (text.endswith("\\") or lines[i + 1].startswith(CONTINUED)):
                i += 1
                more = lines[i][len(CONTINUED):] if lines[i].startswith(CONTINUED) else lines[i].strip()
                text = text[:-1] + " " + more if text.endswith("\\") else text + "\n" + more
            i += 1
            shown = []
            while i < len(lines) and not lines[i].startswith(PROMPT):
                shown.append(lines[i])
                i += 1
            if not NOT_RUN.match(text.strip()):
                result.append(Command(block.line + 1 + start, text, "\n".join(shown).strip("\n")))
    return result


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for(port: int, server: subprocess.Popen[bytes]) -> bool:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline and server.poll() is None:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return True
        time.sleep(0.05)
    return False


def _same_json(shown: object, real: object) -> bool:
    """Equal JSON values, where a shown ``"..."`` stands for any value."""
    if shown == "...":
        return True
    if isinstance(shown, dict) and isinstance(real, dict):
        return shown.keys() == real.keys() and all(_same_json(shown[k], real[k]) for k in shown)
    if isinstance(shown, list) and isinstance(real, list):
        return len(shown) == len(real) and all(map(_same_json, shown, real))
    return shown == real and type(shown) is type(real)


def _same_text(shown: str, real: str) -> bool:
    if shown.lstrip().startswith(("{", "[")):
        # JSON written with "..." in it is no JSON: compare it with all layout removed.
        shown, real = "".join(shown.split()), "".join(real.split())
    checker = doctest.OutputChecker()
    return checker.check_output(shown.strip() + "\n", real.strip() + "\n",
                                doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)


def _same_body(shown: str, real: str) -> bool:
    """The same body: JSON compared as values (debug mode indents it, the text may not), any
    text around it (curl's ``-w`` output) compared as words, ``...`` standing for anything."""
    decoder = json.JSONDecoder()
    try:
        want, end = decoder.raw_decode(shown.strip())
        got, real_end = decoder.raw_decode(real.strip())
    except ValueError:
        return _same_text(shown, real)
    return (_same_json(want, got)
            and _same_text(shown.strip()[end:] or "", real.strip()[real_end:] or ""))


def _split_http(text: str) -> tuple[str, list[str], str]:
    """Status line, header lines and body of curl -i output; the text's ``...`` ends headers."""
    lines = text.replace("\r", "").split("\n")
    headers, i = [], 1
    while i < len(lines) and lines[i].strip() and lines[i].strip() != "..." \
            and not lines[i].lstrip().startswith(("{", "[", "<")):
        headers.append(lines[i].strip())
        i += 1
    while i < len(lines) and lines[i].strip() in ("", "..."):
        i += 1
    return lines[0].strip(), headers, "\n".join(lines[i:])


def same_output(shown: str, real: str) -> bool:
    """Whether curl's real output is what the text shows (see the module's docstring)."""
    if not shown.startswith("HTTP/"):
        return _same_body(shown, real) if shown.strip() else True
    if not real.startswith("HTTP/"):
        return False
    status, headers, body = _split_http(shown)
    real_status, real_headers, real_body = _split_http(real)
    if status.split()[1:2] != real_status.split()[1:2]:
        return False
    present = {h.split(":", 1)[0].lower(): h for h in real_headers}
    for header in headers:
        name = header.split(":", 1)[0].lower()
        if name not in present or not _same_text(header, present[name]):
            return False
    return _same_body(body, real_body) if body.strip() else True


def console_problems(lesson: Lesson, found: list[Block]) -> list[TextProblem]:
    """The ``console`` blocks marked ``starter`` run against the starter, the others against
    the reference: each app once, its commands in the order they stand."""
    plain = [b for b in found if not b.marks & {"starter", "network"}]
    network = [b for b in found if "network" in b.marks]
    if commands(network) and not _services(lesson):
        return [TextProblem(network[0].line, f"a network block needs the service's answers in {SERVICES_FILE}")]
    return (_console_run(lesson, plain, starter=False)
            + _console_run(lesson, [b for b in found if "starter" in b.marks], starter=True)
            + _console_run(lesson, network, starter=False, services=_services(lesson)))


SERVE_MOCKED = r'''
import json, sys, responses
answers, port = json.loads(sys.argv[1]), sys.argv[2]
mock = responses.RequestsMock(assert_all_requests_are_fired=False)
mock.start()
for answer in answers:
    mock.add(answer.get("method", "GET"), answer["url"], json=answer["json"],
             match=[responses.matchers.query_param_matcher(answer["query"], strict_match=False)]
             if "query" in answer else [])
from flask.cli import main
sys.argv = ["flask", "--app", "app", "run", "--debug", "--no-reload", "--port", port]
main()
'''


def console_env(home: str) -> dict[str, str]:
    """The environment the console commands run in: the learner's shell with flaskcourse's
    virtual environment active, so that ``flask`` and ``python`` in a command are the ones that
    have the lesson's libraries (Flask-Migrate's ``flask db``, say), as in the learner's own."""
    env = inherited_env()
    env.update({"PYTHONDONTWRITEBYTECODE": "1", "HOME": home, "TMPDIR": home, "NO_COLOR": "1",
                "PATH": os.pathsep.join(filter(None, [str(Path(sys.executable).parent),
                                                      os.environ.get("PATH")]))})
    return env


def _console_run(lesson: Lesson, found: list[Block], *, starter: bool,
                 services: list[dict[str, object]] | None = None) -> list[TextProblem]:
    """Run the commands in one shell against the app served as `flaskcourse serve` serves it
    (debug mode), on a free loopback port written as 5000 in the text and in what it prints.
    With ``services``, the app's own calls to outside services meet those recorded answers."""
    todo = commands(found)
    if not todo:
        return []
    port = _free_port()
    with tempfile.TemporaryDirectory(prefix="flaskcourse-text-") as tmp:
        work = Path(tmp) / lesson.name
        copy_tree(lesson.starter_dir if starter else lesson.solution_dir, work, overwrite=True)
        env = console_env(tmp)
        # curl draws a progress meter when its output is not a terminal; the learner's is one.
        Path(tmp, ".curlrc").write_text("no-progress-meter\n", encoding="utf-8")
        serve = ([sys.executable, "-c", SERVE_MOCKED, json.dumps(services), str(port)] if services
                 else [sys.executable, "-m", "flask", "--app", "app", "run", "--debug",
                       "--no-reload", "--port", str(port)])
        server = subprocess.Popen(serve, cwd=work, env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                  start_new_session=True)
        try:
            if not _wait_for(port, server):
                return [TextProblem(todo[0].line, "the reference did not start under flask run")]
            # What a terminal shows: both streams, and $? as the previous command left it.
            script = "".join(f"__status=$?; printf '{MARK}%s\\n' {n}; (exit $__status)\n"
                             f"{{ {PORT_IN_TEXT.sub(f'127.0.0.1:{port}', c.text)}\n}} 2>&1\n"
                             for n, c in enumerate(todo))
            try:
                done = subprocess.run(["bash", "-c", script], cwd=work, env=env, timeout=CHILD_SECONDS,
                                      capture_output=True, text=True)
                out = done.stdout
            except subprocess.TimeoutExpired as exc:
                out = (exc.stdout or b"").decode() if isinstance(exc.stdout, bytes) else (exc.stdout or "")
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=10)
    out = out.replace(f"127.0.0.1:{port}", "127.0.0.1:5000").replace(f"localhost:{port}", "localhost:5000")
    real = {int(part.split("\n", 1)[0]): part.split("\n", 1)[1] if "\n" in part else ""
            for part in out.split(MARK)[1:]}
    problems = []
    for n, command in enumerate(todo):
        got = real.get(n)
        if got is None:
            problems.append(TextProblem(command.line, f"$ {command.text[:60]}: never ran"))
        elif not same_output(command.shown, got):
            problems.append(TextProblem(command.line, f"$ {command.text[:60]}: shown "
                                        f"{json.dumps(command.shown[:300])}, really "
                                        f"{json.dumps(got.strip()[:300])}"))
    return problems
