"""Case 6: learner code that reaches for the network. The guard refuses before connecting; the
console script runs in a namespace that has only loopback (``unshare -rn``), so that even a
broken guard would send nothing anywhere."""

from __future__ import annotations

import pytest

from tests.faults.conftest import Learner, app_with, line_of, unshare_works

pytestmark = pytest.mark.skipif(not unshare_works("-rn"),
                                reason="needs unshare -rn (unprivileged user namespaces)")
OFFLINE = ("unshare", "-rn", "sh", "-c", 'ip link set lo up 2>/dev/null; exec "$@"', "offline")


def test_a_socket_beyond_loopback_in_a_view_fails_that_check(learner: Learner) -> None:
    call = 'socket.create_connection(("192.0.2.7", 80), timeout=5)'
    source = app_with(about=f"import socket\n{call}")
    learner.start(app=source)
    before = learner.snapshot()
    ran = learner.run("check", wrap=OFFLINE)
    assert ran.returncode == 1, ran
    assert ran.pages() == {"home": "✓", "about": "✗", "contact": "✓"}
    assert "your code tried to reach the network (192.0.2.7:80)" in ran.said
    assert f"app.py, line {line_of(source, call)}" in ran.said
    assert learner.snapshot() == before


def test_requests_get_at_import_is_a_load_error(learner: Learner) -> None:
    call = 'requests.get("http://example.com/", timeout=5)'
    source = app_with(top=f"import requests\n{call}")
    learner.start(app=source)
    ran = learner.run("check", wrap=OFFLINE)
    assert ran.returncode == 2, ran
    assert "your code tried to reach the network (example.com:80)" in ran.said
    assert f"app.py:{line_of(source, call)})" in ran.said
    assert ran.pages() == {}
