"""The network guard, tested inside a namespace that has only loopback (`unshare -rn`).

Even if the guard were broken, nothing could leave this machine from inside the namespace.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import TINY, write

GOOD = (TINY / "solutions/01-greet/app.py").read_text()


def unshare_works() -> bool:
    return bool(shutil.which("unshare")) and subprocess.run(
        ["unshare", "-rn", "true"], capture_output=True).returncode == 0


pytestmark = pytest.mark.skipif(not unshare_works(), reason="needs unshare -rn (user namespaces)")

RUN = """
import json, sys
from pathlib import Path
from flaskcourse.catalog import load_course
from flaskcourse.runner import run_checks
lesson = load_course(Path(sys.argv[1])).get("01")
report = run_checks(lesson, Path(sys.argv[2]))
print(json.dumps(report.to_dict()))
"""


def run_isolated(folder: Path) -> dict:
    command = 'ip link set lo up 2>/dev/null; exec "$0" -c "$1" "$2" "$3"'
    done = subprocess.run(["unshare", "-rn", "sh", "-c", command, sys.executable, RUN, str(TINY),
                           str(folder)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize(("call", "target"), [
    ('requests.get("http://example.com/weather", timeout=5)', "example.com:80"),
    ('socket.create_connection(("192.0.2.7", 443), timeout=5)', "192.0.2.7:443"),
    ('urllib.request.urlopen("https://198.51.100.4/", timeout=5)', "198.51.100.4:443"),
])
def test_learner_code_cannot_reach_beyond_loopback(tmp_path: Path, call: str, target: str) -> None:
    source = GOOD.replace('    return {"greeting": f"Hello, {name}!"}',
                          "    import requests, socket, urllib.request\n"
                          f"    {call}\n"
                          '    return {"greeting": f"Hello, {name}!"}')
    report = run_isolated(write(tmp_path / "01-greet", {"app.py": source}))
    greet = report["checks"][0]
    assert greet["outcome"] == "failed"
    assert f"flaskcourse blocked a connection to {target}" in greet["help"]
    assert report["checks"][1]["outcome"] == "passed"


def test_loopback_stays_open(tmp_path: Path) -> None:
    source = GOOD.replace('    return {"greeting": f"Hello, {name}!"}',
                          "    import socket\n"
                          "    server = socket.socket()\n"
                          "    server.bind(('127.0.0.1', 0))\n"
                          "    server.listen()\n"
                          "    socket.create_connection(server.getsockname(), timeout=5).close()\n"
                          '    return {"greeting": f"Hello, {name}!"}')
    report = run_isolated(write(tmp_path / "01-greet", {"app.py": source}))
    assert report["passed"] is True
