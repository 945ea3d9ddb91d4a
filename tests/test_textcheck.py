"""The lesson texts' examples are run: a session that does not print what the text shows, or
Python that does not compile, is named by its line."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from flaskcourse.catalog import load_course
from flaskcourse.textcheck import blocks, text_problems
from tests.conftest import TINY

TEXT = '''# A lesson

```python
>>> from app import app
>>> app.test_client().get("/greet?name=Ada").get_json()
{'greeting': 'Hello, Ada!'}
>>> import secrets
>>> secrets.token_hex(4)     # varies: written with ...
'...'
```

1. In a list, indented:

   ```python
   >>> app.name
   'app'
   ```

```python fragment
    return {"x": 1}
```

```python network
>>> import requests; requests.get("https://api.example.com/v1/x", params={"q": 1}).json()
{'answer': 42}
```
'''
SERVICES = '''[[answer]]
url = "https://api.example.com/v1/x"
json = {answer = 42}
'''


@pytest.fixture
def lesson(tmp_path: Path):
    root = tmp_path / "course"
    shutil.copytree(TINY, root)
    path = root / "course" / "01-greet" / "README.md"
    path.write_text(TEXT, encoding="utf-8")
    (path.parent / "services.toml").write_text(SERVICES, encoding="utf-8")
    return load_course(root).get("01"), path


def test_blocks_are_found_with_their_line_info_and_indentation() -> None:
    found = blocks(TEXT)
    assert [(b.line, b.info) for b in found] == [
        (3, "python"), (14, "python"), (19, "python fragment"), (23, "python network")]
    assert found[1].code == ">>> app.name\n'app'\n"
    assert found[2].marks == {"fragment"}


def test_a_text_whose_examples_hold_has_no_problem(lesson) -> None:
    assert text_problems(lesson[0]) == []


def test_a_session_that_shows_the_wrong_value_is_named_with_shown_and_real(lesson) -> None:
    lesson, path = lesson
    path.write_text(TEXT.replace("'Hello, Ada!'", "'Hi, Ada!'"), encoding="utf-8")
    [problem] = text_problems(lesson)
    assert problem.line == 5
    assert str(problem) == ('README.md line 5: \'app.test_client().get("/greet?name=Ada").get_json()\': '
                            'shown "{\'greeting\': \'Hi, Ada!\'}", really "{\'greeting\': \'Hello, Ada!\'}"')


def test_an_exception_shown_without_its_traceback_header_is_a_problem(lesson) -> None:
    lesson, path = lesson
    path.write_text(TEXT.replace(">>> app.name\n   'app'",
                                 ">>> int('abc')\n   ValueError: invalid literal for int() with base 10: 'abc'"),
                    encoding="utf-8")
    [problem] = text_problems(lesson)
    assert problem.line == 15 and "really raises \"ValueError: invalid literal" in problem.what


def test_python_that_does_not_compile_must_be_marked_a_fragment(lesson) -> None:
    lesson, path = lesson
    path.write_text(TEXT.replace("```python fragment", "```python"), encoding="utf-8")
    [problem] = text_problems(lesson)
    assert problem.line == 20 and "does not compile (unexpected indent)" in problem.what


def test_verify_fails_on_a_broken_example_and_names_lesson_and_line(lesson) -> None:
    from flaskcourse.verify import verify

    lesson, path = lesson
    course = load_course(path.parents[2])
    assert all(f.ok for f in verify(course, [lesson], workers=2) if f.subject == "lesson text")
    path.write_text(TEXT.replace("'Hello, Ada!'", "'Hi, Ada!'"), encoding="utf-8")
    [bad] = [f for f in verify(course, [lesson], workers=2) if f.subject == "lesson text"]
    assert (bad.lesson.id, bad.ok) == ("01", False)
    assert bad.detail.startswith("README.md line 5: ") and "shown" in bad.detail and "really" in bad.detail


CONSOLE = '''# Greeting

```console
$ curl -s "http://127.0.0.1:5000/greet?name=Ada"
{"greeting": "Hello, Ada!"}
$ curl -si http://127.0.0.1:5000/greet
HTTP/1.1 400 BAD REQUEST
Content-Type: application/json
...
{"error": "..."}
```
'''


def test_console_blocks_run_against_the_reference_served_in_debug_mode(lesson) -> None:
    lesson, path = lesson
    path.write_text(CONSOLE, encoding="utf-8")
    assert text_problems(lesson) == []
    path.write_text(CONSOLE.replace("400 BAD REQUEST", "422 UNPROCESSABLE ENTITY"), encoding="utf-8")
    [problem] = text_problems(lesson)
    assert problem.line == 6 and '"HTTP/1.1 400 BAD REQUEST' in problem.what


def test_shell_commands_outside_a_console_block_are_refused(lesson) -> None:
    lesson, path = lesson
    path.write_text(CONSOLE.replace("```console", "```"), encoding="utf-8")
    [problem] = text_problems(lesson)
    assert problem.line == 3 and "must be marked `console`" in problem.what


def test_a_network_session_runs_against_the_recorded_answers_and_checks_its_url(lesson) -> None:
    lesson, path = lesson
    path.write_text(TEXT.replace("api.example.com/v1/x", "api.example.com/v2/x"), encoding="utf-8")
    [problem] = text_problems(lesson)
    assert problem.line == 24 and "ConnectionError" in problem.what
    (path.parent / "services.toml").unlink()
    [problem] = text_problems(lesson)
    assert problem.line == 23 and "needs the service's answers in services.toml" in problem.what


RELAY = '''import requests
from flask import Flask

app = Flask(__name__)


@app.get("/relay")
def relay():
    return requests.get("https://api.example.com/v1/x", params={"q": 1}, timeout=5).json()
'''


def test_a_console_network_block_meets_the_recorded_answers_through_the_served_app(lesson) -> None:
    lesson, path = lesson
    (lesson.solution_dir / "app.py").write_text(RELAY, encoding="utf-8")
    block = '```console network\n$ curl -s http://127.0.0.1:5000/relay\n{"answer": 42}\n```\n'
    path.write_text(block, encoding="utf-8")
    assert text_problems(lesson) == []
    path.write_text(block.replace("42", "43"), encoding="utf-8")
    [problem] = text_problems(lesson)
    assert problem.line == 2 and '{\\"answer\\": 43}' in problem.what


def test_console_commands_find_the_flask_of_flaskcourses_own_environment(lesson, monkeypatch) -> None:
    """`flask --app app db upgrade` in a lesson text needs the flask that has the lesson's
    libraries: the one beside the running Python, as in the learner's activated venv."""
    lesson, path = lesson
    monkeypatch.setenv("PATH", "/usr/bin:/bin")
    monkeypatch.setenv("EXPECTED_FLASK", str(Path(sys.executable).parent / "flask"))
    path.write_text('```console\n$ test "$(command -v flask)" = "$EXPECTED_FLASK" && echo same\n'
                    "same\n```\n", encoding="utf-8")
    assert text_problems(lesson) == []
