"""The installed console script at a real (pseudo-)terminal: the window size a learner's
terminal has, the terminal as the controlling one (so Ctrl-C and Ctrl-D mean what they mean at
a keyboard), and what the learner would see, colour codes and all."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from tests.conftest import console_script

CTRL_C, CTRL_D = b"\x03", b"\x04"
ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")


def plain(text: str) -> str:
    """Terminal output without escape sequences, with plain newlines."""
    return ESCAPES.sub("", text).replace("\r\n", "\n").replace("\r", "")


def _controlling_terminal() -> None:
    """In the child: a session of its own, with the terminal (already its stdin) controlling it,
    as a shell gives each command it runs in the foreground."""
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class Terminal:
    """``flaskcourse ARGS`` running at a terminal ``columns`` wide."""

    def __init__(self, args: Sequence[str], *, cwd: Path, env: Mapping[str, str],
                 columns: int = 80, rows: int = 40) -> None:
        self.leader, follower = pty.openpty()
        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        clean = {k: v for k, v in env.items() if k not in ("COLUMNS", "LINES")}
        self.proc = subprocess.Popen(
            [console_script(), *args], cwd=cwd, env={**clean, "TERM": "xterm-256color"},
            stdin=follower, stdout=follower, stderr=follower, preexec_fn=_controlling_terminal)
        os.close(follower)
        self.raw = b""

    @property
    def text(self) -> str:
        return self.raw.decode("utf-8", "replace")

    @property
    def seen(self) -> str:
        return plain(self.text)

    def _read(self, timeout: float) -> bool | None:
        """True when something was read, None when nothing came in time, False at the end."""
        if not select.select([self.leader], [], [], timeout)[0]:
            return None
        try:
            data = os.read(self.leader, 65536)
        except OSError:  # every writer closed its end: the program ended
            return False
        self.raw += data
        return bool(data)

    def expect(self, text: str, timeout: float = 60) -> str:
        """Wait until ``text`` has appeared (escape sequences aside); returns all seen so far."""
        deadline = time.monotonic() + timeout
        while text not in self.seen:
            if time.monotonic() > deadline or self._read(0.1) is False:
                if text in self.seen:
                    break
                raise AssertionError(f"never saw {text!r}; the terminal showed:\n{self.seen}")
        return self.seen

    def until(self, condition: Callable[[], object], what: str, timeout: float = 60) -> None:
        """Keep reading (so the program never blocks on a full terminal) until ``condition``."""
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError(f"gave up waiting for {what}; the terminal showed:\n{self.seen}")
            self._read(0.1)

    def reading_input(self) -> bool:
        """True when the program sleeps in a read of the terminal. Ctrl-C pressed just before
        that read starts is seen by Python only after the read returns: a learner would press
        it again, a test waits for the read instead (on a busy machine the gap is long)."""
        try:
            waiting = Path(f"/proc/{self.proc.pid}/wchan").read_text()
        except OSError:
            return False
        return waiting in ("wait_woken", "n_tty_read") or "tty" in waiting

    def send(self, keys: bytes) -> None:
        os.write(self.leader, keys)

    def wait(self, timeout: float = 60) -> int:
        """Read to the end and return the exit code."""
        deadline = time.monotonic() + timeout
        while self.proc.poll() is None and time.monotonic() < deadline:
            self._read(0.1)
        while self._read(0.2):
            pass
        try:
            return self.proc.wait(timeout=max(deadline - time.monotonic(), 1))
        except subprocess.TimeoutExpired:
            raise AssertionError(f"still running after {timeout} s:\n{self.seen}") from None
        finally:
            self.close()

    def close(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        try:
            os.close(self.leader)
        except OSError:
            pass
