"""The lessons' pages in a real browser: headless Chromium, driven by Playwright for Python.

The checks read a page's HTML and JavaScript as text; only a browser shows that the page works:
that two tabs chat, that a form keeps what was typed, that a CSP blocks a script. Each test
serves a lesson with the installed ``flaskcourse serve NN [--solution]`` on a free loopback
port and uses it as a person would, in browser contexts of its own (one per person).

Playwright rather than Selenium: ``page.route()`` answers a remote URL from a local file (the
chat page's Socket.IO client, whose CDN this machine cannot reach) and guards every other
request, ``new_context()`` gives two independent people in one browser, and its ``expect``
waits with a bound instead of sleeping. It drives Debian's Chromium (``/usr/bin/chromium``)
over the DevTools protocol, so neither chromedriver nor Playwright's own browser download
(which fails without the internet) is needed; the wheel bundles the driver it runs.

Where something is missing (the ``test`` extra, Chromium, the cached Socket.IO client), the
tests skip with one line that says what and how to get it; ``.ci/run`` installs all three.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import tarfile
import time
from collections.abc import Callable, Generator, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn
from urllib.parse import urlsplit

import pytest
import requests

from flaskcourse.catalog import COURSE_ENV, load_course
from flaskcourse.serve import is_loopback
from flaskcourse.verify import build_variant, load_variants
from tests.conftest import REPO, WIDE, console_script, run_script

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Playwright, Route

CHROMIUM_FLAGS = (
    "--no-sandbox",  # the tests may run as root, where Chromium's sandbox refuses to start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Without these, Chromium keeps calling home, and a closed network refuses each attempt.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
WAIT_MS = 30_000
"""How long a step may take before it fails: generous, for a busy machine; a passing step
returns as soon as the page is ready."""

CACHE = REPO / ".cache" / "browser"
"""Gitignored: files ``.ci/run`` fetched at install time (the tests never reach the network),
and the screenshots of the last run."""

CHAT_PAGE = REPO / "solutions" / "06-real-time-chat" / "templates" / "index.html"
CDN_CLIENT = re.compile(r'src="(https://cdn\.socket\.io/([0-9.]+)/socket\.io\.min\.js)"')

SCREENSHOTS: list[Path] = []
"""The folder this session's screenshots went to, once a test has taken one."""
MISSING: set[str] = set()
"""Why tests were skipped: each reason is one line of pytest's summary, however many tests."""


def skip_for(reason: str) -> NoReturn:
    """Skip this test because something the browser tests need cannot be had here."""
    MISSING.add(reason)
    pytest.skip(reason)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item,
                              call: pytest.CallInfo[None]) -> Generator[None, pytest.TestReport,
                                                                         pytest.TestReport]:
    """A skip for a missing piece is reported at ``skip_for``, not at each test, so that pytest
    folds all the tests it skipped into one summary line."""
    report = yield
    if report.skipped and isinstance(report.longrepr, tuple):
        message = report.longrepr[2]
        if message.removeprefix("Skipped: ") in MISSING:
            report.longrepr = (__file__, skip_for.__code__.co_firstlineno, message)
    return report


def missing_browser() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return ("Playwright is not installed: browser tests need the test extra "
                "(pip install -e '.[test]')")
    if chromium() is None:
        return "Chromium is not installed: browser tests need Debian's chromium package"
    return None


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def driver() -> Iterator[Playwright]:
    """Playwright, started once; every browser test is skipped when it or Chromium is missing."""
    reason = missing_browser()
    if reason:
        skip_for(reason)
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=WAIT_MS)
    with sync_playwright() as started:
        yield started


@pytest.fixture
def expect(driver: Playwright) -> Callable[..., object]:
    """Playwright's ``expect``: assertions that wait (up to ``WAIT_MS``) for the page to agree."""
    from playwright.sync_api import expect as expect_

    return expect_


@pytest.fixture(scope="session")
def browser(driver: Playwright) -> Iterator[Browser]:
    """One headless Chromium for the whole session; each test opens contexts of its own."""
    launched = driver.chromium.launch(executable_path=chromium(), args=CHROMIUM_FLAGS)
    yield launched
    launched.close()


@pytest.fixture
def open_page(browser: Browser) -> Iterator[Callable[..., Page]]:
    """``open_page(url, remote={url: body}, console=[])``: a page in a new browser context (a
    new person, with cookies of its own), opened at ``url``, what it logs to its console (and
    its uncaught errors) appended to ``console``. Requests to loopback go through; a remote
    URL named in ``remote`` is answered with that body (as JavaScript, readable cross-origin,
    so the page's ``integrity`` check still runs on it); any other request is refused, and the
    test fails for it when it ends."""
    contexts = []
    refused: list[str] = []

    def guard(remote: Mapping[str, bytes]) -> Callable[[Route], None]:
        def route(handler: Route) -> None:
            url = handler.request.url
            if url in remote:
                handler.fulfill(status=200, body=remote[url], headers={
                    "Content-Type": "application/javascript; charset=utf-8",
                    "Access-Control-Allow-Origin": "*"})
            elif is_loopback(urlsplit(url).hostname or ""):
                handler.fallback()
            else:
                refused.append(url)
                handler.abort("blockedbyclient")
        return route

    def open_(url: str, remote: Mapping[str, bytes] | None = None,
              console: list[str] | None = None) -> Page:
        context = browser.new_context()
        contexts.append(context)
        context.set_default_timeout(WAIT_MS)
        context.route("**/*", guard(remote or {}))
        page = context.new_page()
        if console is not None:
            page.on("console", lambda message: console.append(message.text))
            page.on("pageerror", lambda error: console.append(f"uncaught {error}"))
        page.goto(url)
        return page

    yield open_
    for context in contexts:
        context.close()
    assert not refused, f"the page asked for something beyond loopback: {refused}"


@pytest.fixture(scope="session")
def screenshot_folder() -> Path:
    """Where this run keeps its screenshots: emptied first, so that none is from an older run,
    and kept afterwards (pytest's temporary folders are soon reused)."""
    folder = CACHE / "screenshots"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    SCREENSHOTS[:] = [folder]
    return folder


@pytest.fixture
def screenshot(screenshot_folder: Path) -> Callable[[Page, str], Path]:
    """``screenshot(page, "06-reference-ada")``: the page as it looks now, kept as
    ``.cache/browser/screenshots/06-reference-ada.png`` (the run's summary names the folder)."""
    def take(page: Page, name: str) -> Path:
        path = screenshot_folder / f"{name}.png"
        page.screenshot(path=path, full_page=True)
        return path
    return take


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if SCREENSHOTS and any(SCREENSHOTS[0].iterdir()):
        terminalreporter.write_line(f"browser screenshots: {SCREENSHOTS[0]}")


@pytest.fixture(scope="session")
def socketio_client() -> tuple[str, bytes]:
    """The CDN URL the chat page loads its Socket.IO client from, and that very file."""
    return cached_socketio_client(CACHE)


def cached_socketio_client(cache: Path) -> tuple[str, bytes]:
    """The chat page's CDN URL, and ``dist/socket.io.min.js`` from the npm registry's
    socket.io-client package of the version the URL names, as ``npm pack`` left it in
    ``cache``; the test is skipped, with the command that fetches it, when it is not there."""
    url, version = CDN_CLIENT.search(CHAT_PAGE.read_text(encoding="utf-8")).groups()
    tarball = cache / f"socket.io-client-{version}.tgz"
    if not tarball.is_file():
        skip_for(f"socket.io-client {version} is not in {cache}: the chat page needs it "
                 f"(npm pack socket.io-client@{version} --pack-destination {cache})")
    with tarfile.open(tarball) as packed:
        return url, packed.extractfile("package/dist/socket.io.min.js").read()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Callable[..., str]]:
    """``serve("06", solution=True)``: ``flaskcourse serve 06 --solution`` on a free loopback
    port, answering; returns its base URL. ``solution=False`` serves the starter, from a
    workspace where ``flaskcourse start 06`` put it, and ``variant="inner-html"`` that
    known-wrong variant (``tests/variants/``) in the starter's place. Stopped with Ctrl-C when
    the test ends; its log is printed then (pytest shows it when the test failed)."""
    servers: list[tuple[str, subprocess.Popen[bytes], Path]] = []
    env = {**os.environ, COURSE_ENV: str(REPO), "COLUMNS": WIDE, "NO_COLOR": "1"}

    def start(lesson: str, *, solution: bool = False, variant: str | None = None) -> str:
        what = "solution" if solution else variant or "starter"
        workspace = tmp_path / f"{lesson}-{what}"
        workspace.mkdir()
        if not solution:
            started = run_script("start", lesson, cwd=workspace, env=env)
            assert started.returncode == 0, started.stdout + started.stderr
        if variant:
            found = load_course(REPO).get(lesson)
            (wrong,) = (v for v in load_variants(found) if v.name == variant)
            build_variant(wrong, workspace / found.name)
        port = free_port()
        log = tmp_path / f"serve-{lesson}-{what}.log"
        with log.open("wb") as out:
            proc = subprocess.Popen(
                [console_script(), "serve", lesson, *(["--solution"] if solution else []),
                 "--port", str(port)],
                cwd=workspace, env=env, stdin=subprocess.DEVNULL, stdout=out,
                stderr=subprocess.STDOUT, start_new_session=True)
        servers.append((f"{lesson} {what}", proc, log))
        return answering(f"http://127.0.0.1:{port}", proc, log)

    yield start
    for name, proc, log in servers:
        stop(proc)
        print(f"--- flaskcourse serve {name} (exit {proc.returncode}) ---")
        print(log.read_text(encoding="utf-8", errors="replace"))


def answering(base: str, proc: subprocess.Popen[bytes], log: Path, seconds: float = 60) -> str:
    """Wait (with a bound) until the server answers at ``base``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert proc.poll() is None, log.read_text(encoding="utf-8", errors="replace")
        try:
            requests.get(base, timeout=10, allow_redirects=False)
            return base
        except (requests.ConnectionError, requests.Timeout):
            time.sleep(0.1)
    raise AssertionError(f"{base} never answered:\n{log.read_text(encoding='utf-8')}")


def stop(proc: subprocess.Popen[bytes]) -> None:
    """Ctrl-C, as a person at the terminal stops it; killed if it has not stopped in 30 s."""
    for signum in (signal.SIGINT, signal.SIGKILL):
        try:
            os.killpg(proc.pid, signum)
        except ProcessLookupError:
            break
        try:
            proc.wait(timeout=30)
            return
        except subprocess.TimeoutExpired:
            continue
    proc.wait()
