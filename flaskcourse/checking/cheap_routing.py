"""Make Werkzeug build each URL rule's builder function once while checks run.

Every app a check builds adds its routes, and Werkzeug turns each rule into two small Python
functions (for ``url_for``) by building and compiling a syntax tree: about a millisecond a
route, paid again for the same route of every app, which is a tenth of what a check run costs
(a learner's own tests build a fresh app per test). The function depends only on the rule's
text and its parts, and takes the rule itself as its first argument, so one made for a rule
serves every later rule with the same text and parts. Rules with defaults are left alone: their
builders hold converted default values.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Key = tuple[str, tuple[tuple[bool, str], ...], bool]


def install() -> None:
    try:
        from werkzeug.routing import rules
    except ImportError:
        return
    real = getattr(rules.Rule, "_compile_builder", None)
    if real is None or getattr(real, "kept", False):
        return
    made: dict[Key, Callable[..., Any]] = {}

    def kept(rule: Any, append_unknown: bool = True) -> Callable[..., Any]:
        trace = getattr(rule, "_trace", None)
        if rule.defaults or not isinstance(trace, list):
            return real(rule, append_unknown)
        key = (rule.rule, tuple(trace), append_unknown)
        if key not in made:
            made[key] = real(rule, append_unknown)
        return made[key]

    kept.kept = True  # type: ignore[attr-defined]
    rules.Rule._compile_builder = kept
