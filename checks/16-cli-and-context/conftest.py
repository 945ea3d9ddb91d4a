"""Lesson 16: run the learner's `flask` commands the way the real `flask --app app` does.

The plugin's ``cli`` fixture invokes ``app.cli`` directly. That skips one thing the real
``flask`` command does: FlaskGroup pushes an application context before it looks a command up,
so a plain ``@click.command`` added with ``app.cli.add_command(...)`` works under ``flask`` even
without ``@with_appcontext``. Invoking through a FlaskGroup built around the learner's app keeps
that style correct here too.
"""

from __future__ import annotations

import shlex
import sqlite3
import sys

import pytest
from click.testing import Result
from flask import Flask
from flask.cli import FlaskGroup

from flaskcourse.checking import fail, learner

REQUEST_HELP = (
    "A command runs inside an application context (current_app, g and your database work) but "
    "never inside a request: on the command line there is no request, so request, session and "
    "request.args do not exist. Take the command's input as a click argument or option, read "
    "settings from current_app.config, and pass values to your helpers as arguments."
)


def _command_list(app: Flask) -> str:
    names = sorted(app.cli.commands)
    return ", ".join(names) if names else "none at all"


class FlaskCommands:
    """Runs ``flask ...`` commands against one app and remembers them for failure messages."""

    def __init__(self, runner, app: Flask) -> None:
        self.runner = runner
        self.app = app
        self.group = FlaskGroup(name="flask", create_app=lambda: app, add_default_commands=False,
                                load_dotenv=False, set_debug_flag=False)
        self.history: list[str] = []
        self.explain = explain

    @staticmethod
    def line(args) -> str:
        return "$ flask " + " ".join(shlex.quote(a) for a in args)

    def record(self, step: str) -> None:
        """Something else that happened before the next command (a web request, say)."""
        self.history.append(step)

    def steps(self, current: str | None = None) -> str | None:
        """The commands (and requests) so far, in order, ending with ``current``."""
        steps = list(self.history) + ([current] if current else [])
        return "\nthen\n".join(steps) if steps else None

    def run(self, *args: str) -> Result:
        """Run ``flask <args>`` and return click's result (output, exit_code, exception)."""
        result = self.runner.invoke(self.group, args=list(args))
        result.request = self.steps(self.line(args))
        self.history.append(f"{self.line(args)}  (exit code {result.exit_code})")
        return result

    def ok(self, *args: str, expected: str | None = None) -> Result:
        """Run a command that must succeed: exit code 0, no exception."""
        __tracebackhide__ = True
        result = self.run(*args)
        if result.exit_code != 0:
            self.fail(result, expected or f"`{self.line(args)[2:]}` to succeed (exit code 0)")
        return result

    def fail(self, result: Result, expected: str, help: str | None = None) -> None:
        """Fail with what the command printed, why it probably broke, and the steps before."""
        __tracebackhide__ = True
        notes = [note for note in (help, self.diagnosis(result)) if note]
        fail(expected, got=describe(result), request=result.request,
             help="\n".join(notes) or None)

    def diagnosis(self, result: Result) -> str | None:
        exc = result.exception
        if exc is not None and not isinstance(exc, SystemExit):
            return explain(exc)
        if "No such command" in result.output:
            return ("Your app has no such command. Register it inside create_app, for example "
                    "@app.cli.command(\"greet\") above the function (or app.cli.add_command(...) "
                    f"for a @click.command). Your app's commands: {_command_list(self.app)}.")
        return None


def explain(exc: BaseException) -> str:
    """What the learner's code raised (its own frames), with advice for the usual causes."""
    told = learner.describe_exception(exc)
    if "outside of request context" in str(exc):
        return f"{REQUEST_HELP}\n{told}"
    if isinstance(exc, sqlite3.OperationalError) and "no such table" in str(exc):
        return ("The notes table is missing from the configured database: does init-db create "
                "it in current_app.config[\"DATABASE\"], and does every function connect to "
                f"that same file?\n{told}")
    return told


def describe(result: Result) -> str:
    output = result.output.strip()
    if len(output) > 600:
        output = output[:600] + f"… ({len(output)} characters in all)"
    return f"exit code {result.exit_code}" + (f", printing:\n{output}" if output else ", printing nothing")


@pytest.fixture
def flask(cli, app) -> FlaskCommands:
    """`flask ...` for the learner's app (the plugin's ``cli`` runner, through a FlaskGroup)."""
    return FlaskCommands(cli, app)


@pytest.fixture
def flask_for():
    """`flask_for(app)`: `flask ...` for an app the check built itself."""
    return lambda app: FlaskCommands(app.test_cli_runner(), app)


def find_learner_function(name: str):
    """A function ``name`` from the learner's modules (app.py first), or None."""
    modules = [m for m in list(sys.modules.values())
               if learner.is_learner_file(getattr(m, "__file__", None) or "<none>")]
    modules.sort(key=lambda m: m.__name__ != learner.ENTRY_MODULE)
    for module in modules:
        found = getattr(module, name, None)
        if callable(found):
            return found
    return None


@pytest.fixture
def learner_function():
    """`learner_function(name)`: a function of that name from the learner's modules, or None
    (look it up after the app is built: the learner's modules are imported afresh then)."""
    return find_learner_function
