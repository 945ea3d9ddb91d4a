"""Case 8: code that does not load. Exit code 2, one paragraph naming the file (and the line
where there is one), no check reported, and nothing of ours in the way (no traceback, no
temporary path)."""

from __future__ import annotations

import pytest

from tests.faults.conftest import GOOD, Learner, line_of

ABOUT_RETURNS = line_of(GOOD, 'return "about"')
CASES = {
    "syntax error": (
        {"app.py": "from flask import Flask\napp = Flask(__name__\n"},
        "app.py has a syntax error on line 2", "app.py:2"),
    "import error": (
        {"app.py": "from flask import Flask\nimport flask_magic\napp = Flask(__name__)\n"},
        "imports the module 'flask_magic', which is not installed", "app.py:2"),
    "circular import": (
        {"app.py": "from flask import Flask\nfrom views import pages\napp = Flask(__name__)\n",
         "views.py": "from flask import Blueprint\nfrom app import app\npages = Blueprint('pages', __name__)\n"},
        "circular import", "views.py:2"),
    "no app and no create_app": (
        {"app.py": "from flask import Flask\n\n\ndef build():\n    return Flask(__name__)\n"},
        "defines no Flask app", "app.py)"),
    "create_app that raises": (
        {"app.py": "from flask import Flask\n\n\ndef create_app(config=None):\n"
                   "    app = Flask(__name__)\n    app.config['KEY'] = config['MY_SECRET']\n"
                   "    return app\n"},
        "Calling create_app() raised KeyError: 'MY_SECRET'", "app.py:6"),
    "non-UTF-8 source": (
        {"app.py": GOOD.replace('"about"', '"about café"').encode("latin-1")},
        "app.py is not UTF-8 text", f"app.py:{ABOUT_RETURNS}"),
    "flask.py shadowing Flask": (
        {"app.py": GOOD, "flask.py": "# my notes about Flask\n"},
        "flask.py in your lesson folder has the same name as the module flask", "flask.py)"),
}


@pytest.mark.parametrize(("files", "message", "where"), CASES.values(), ids=CASES)
def test_code_that_does_not_load_is_one_clear_paragraph(learner: Learner, files: dict,
                                                        message: str, where: str) -> None:
    learner.start(files=files)
    before = learner.snapshot()
    ran = learner.run("check")
    assert ran.returncode == 2, ran
    assert message in ran.said
    assert f"could not load your app ({learner.lesson()}/{where}" in ran.said
    assert ran.pages() == {}
    assert "Traceback" not in ran.said
    assert str(learner.tmp) not in ran.said
    assert [a.load_error for a in learner.attempts()] == [True]
    assert learner.snapshot() == before
