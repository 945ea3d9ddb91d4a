"""Where to hold a request for ``checking.races.interleave``, found in the learner's own app.

``interleave`` needs a function the learner's code calls between looking at shared state and
changing it, but each learner names and shapes that code differently: a store object's methods
(``TaskStore.get`` then ``TaskStore.complete``), helper functions of the module, an accessor
called twice. ``pause_points(app)`` lists every such place a request could be held: the public
methods of objects of the learner's own classes kept in ``app.extensions`` or at module level,
and the learner's module-level functions. ``called_during(points, action)`` keeps those the
action really calls, with how often, so a check can try a hold after each call in turn: an app
that looks and sets in one step gives the right answer wherever it is held.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from typing import Any

from flask import Flask

from flaskcourse.checking.inspect_app import learner_modules
from flaskcourse.checking.spy import spy_on

FACTORIES = ("create_app", "make_app")


@dataclass(frozen=True)
class PausePoint:
    owner: Any
    attribute: str
    label: str  # "TaskStore.complete", "tasks()": how a failure names it

    @property
    def target(self) -> tuple[Any, str]:
        return self.owner, self.attribute


def _learner_module_names() -> set[str]:
    return {name for name, _ in learner_modules()}


def _methods(obj: Any, where: str) -> Iterator[PausePoint]:
    for name in dir(type(obj)):
        if name.startswith("_"):
            continue
        if callable(getattr(type(obj), name, None)) and callable(getattr(obj, name, None)):
            yield PausePoint(obj, name, f"{type(obj).__name__}.{name} ({where})")


def pause_points(app: Flask) -> list[PausePoint]:
    """Every method of a learner-made object the app keeps, and every learner module function."""
    modules = _learner_module_names()
    points: list[PausePoint] = []
    seen: set[int] = set()

    def objects(values: Any, where: str) -> Iterator[tuple[Any, str]]:
        for key, value in values:
            if id(value) in seen or inspect.isclass(value) or inspect.isroutine(value) \
                    or inspect.ismodule(value):
                continue
            if type(value).__module__ in modules:
                seen.add(id(value))
                yield value, f"{where}[{key!r}]"

    for obj, where in objects(list(app.extensions.items()), "app.extensions"):
        points.extend(_methods(obj, where))
    for module_name, module in learner_modules():
        members = list(vars(module).items())
        for obj, where in objects(members, module_name):
            points.extend(_methods(obj, where))
        for name, value in members:
            if inspect.isfunction(value) and value.__module__ == module_name \
                    and name not in FACTORIES and not name.startswith("__"):
                points.append(PausePoint(module, name, f"{name}() in {module_name}.py"))
    return points


def called_during(points: list[PausePoint], action: Callable[[], Any]) -> list[tuple[PausePoint, int]]:
    """The points ``action`` calls (in any thread), each with how many times it called it."""
    with ExitStack() as stack:
        spies = []
        for point in points:
            try:
                spies.append((point, stack.enter_context(spy_on(*point.target))))
            except (AttributeError, TypeError):  # __slots__, a read-only attribute: skip it
                continue
        action()
    return [(point, spy.count) for point, spy in spies if spy.count]
