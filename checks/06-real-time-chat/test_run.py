"""Lesson 06: `python app.py` starts the server, even when standard input is not a terminal.

The check runs app.py's `if __name__ == "__main__":` lines in its own process, with standard
input that is not a terminal (as under a service manager, an IDE's run button or `nohup`), and
stops at the moment the web server would start listening: no port is bound, no process is left.
"""

import io
import runpy
import sys

import werkzeug.serving
from flask import Flask

from flaskcourse.checking import fail, learner
from flaskcourse.checking.learner import describe_exception

REQUEST = ("python app.py < /dev/null\n(standard input not a terminal; the checks run the "
           "`if __name__ == \"__main__\":` lines and stop the server just before it listens)")


class ServerStarted(BaseException):
    """Raised where the server would start, through any `except Exception` in the learner's code."""


def test_python_app_py_starts_without_a_terminal(monkeypatch):
    """`python app.py` gets as far as starting the server when standard input is not a terminal"""
    def start(*args, **kwargs):
        raise ServerStarted

    monkeypatch.setattr(Flask, "run", start)  # what socketio.run() calls in threading mode
    monkeypatch.setattr(werkzeug.serving, "run_simple", start)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    monkeypatch.setattr(sys, "argv", ["app.py"])
    try:
        runpy.run_path(str(learner.code_dir() / "app.py"), run_name="__main__")
    except ServerStarted:
        return
    except Exception as exc:
        if "allow_unsafe_werkzeug" in str(exc):
            help = ("In threading mode socketio.run() starts Werkzeug's development server, and "
                    "refuses to when standard input is not a terminal (a service manager, an "
                    "IDE's run button, nohup, a container), unless you say it is on purpose: "
                    "socketio.run(create_app(), allow_unsafe_werkzeug=True), as the lesson's "
                    "last lines do.")
        else:
            help = ("End app.py with if __name__ == \"__main__\": "
                    "socketio.run(create_app(), allow_unsafe_werkzeug=True).")
        fail("the server to start", describe_exception(exc), request=REQUEST, help=help)
    fail("the server to start", "app.py ended without starting a server", request=REQUEST,
         help="End app.py with if __name__ == \"__main__\": "
              "socketio.run(create_app(), allow_unsafe_werkzeug=True): it picks the right "
              "server for the async mode.")
