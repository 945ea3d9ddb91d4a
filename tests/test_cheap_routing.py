"""Werkzeug's URL builders made once per rule: url_for answers exactly as without."""

from __future__ import annotations

import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent('''
    import sys
    from flask import Flask, url_for
    if sys.argv[1] == "kept":
        from flaskcourse.checking import cheap_routing
        cheap_routing.install()
        cheap_routing.install()  # twice is once

    def page(number):
        return ""

    def build(prefix):
        app = Flask(__name__)
        app.add_url_rule("/books/<int:book_id>", "book", lambda book_id: "")
        app.add_url_rule("/files/<path:name>", "file", lambda name: "")
        app.add_url_rule("/page/", "page", page, defaults={"number": 1})
        app.add_url_rule("/page/<int:number>", "page", page)
        app.add_url_rule("/a b/<word>", "odd", lambda word: "", subdomain=prefix)
        app.config["SERVER_NAME"] = "example.test"
        return app

    for prefix in ("x", "y"):
        app = build(prefix)
        with app.test_request_context():
            print(url_for("book", book_id=7, q="é&", _external=False),
                  url_for("file", name="a/b c.txt"), url_for("page"), url_for("page", number=3),
                  url_for("odd", word="ü/", _external=True))
    print(sorted({rule.endpoint for rule in app.url_map.iter_rules()}))
''')


def urls(mode: str) -> str:
    done = subprocess.run([sys.executable, "-c", SCRIPT, mode], capture_output=True, text=True,
                          check=True)
    return done.stdout


def test_kept_builders_build_the_same_urls() -> None:
    kept, plain = urls("kept"), urls("plain")
    assert kept == plain
    assert "/books/7?q=%C3%A9%26" in kept and "http://y.example.test/a%20b/%C3%BC/" in kept


def test_one_builder_serves_the_same_rule_in_every_app() -> None:
    from flask import Flask
    from werkzeug.routing import rules

    from flaskcourse.checking import cheap_routing

    real = rules.Rule._compile_builder
    try:
        cheap_routing.install()
        apps = [Flask(__name__) for _ in range(2)]
        for app in apps:
            app.add_url_rule("/books/<int:book_id>", "book", lambda book_id: "")
            app.add_url_rule("/page/", "page", lambda number: "", defaults={"number": 1})
        book, page = ([next(app.url_map.iter_rules(endpoint)) for app in apps]
                      for endpoint in ("book", "page"))
        assert book[0]._build.__func__ is book[1]._build.__func__
        assert page[0]._build.__func__ is not page[1]._build.__func__  # defaults: made per rule
    finally:
        rules.Rule._compile_builder = real
