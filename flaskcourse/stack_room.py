"""Room on CPython's frame stack, so that deep call stacks stop mapping and unmapping memory.

CPython 3.11 keeps a thread's frames in chunks of 16 KB. A call that does not fit in the last
chunk maps a new one, and when that call returns, the chunk is unmapped again. Code whose call
stack goes up and down across the end of a chunk pays an ``mmap``, a page fault and a
``munmap`` every time: pytest's hooks around a check, Flask's dispatch and SQLAlchemy under it
cross there hundreds of thousands of times in a run of ``verify`` (strace counted 117,042
such pairs for one finding of lesson 19).

``call_with_room`` calls a function from a frame that reserves half a megabyte of stack it
never uses. That frame cannot fit in a 16 KB chunk, so CPython gives it a chunk of 1 MB, and
everything called from it runs in the half megabyte left over, far from any chunk's end. A
process forked from inside the call keeps that chunk, so its own calls run there too.
"""

from __future__ import annotations

from typing import Any, Callable, TypeVar

ROOM_SLOTS = 64 * 1024
"""Unused stack slots the frame reserves (8 bytes each): its chunk is then the next size up,
1 MB, and about 512 KB of it is left for the calls made from that frame."""

T = TypeVar("T")


def _roomy(function: Callable[..., T], args: tuple[Any, ...], kwargs: dict[str, Any]) -> T:
    return function(*args, **kwargs)


try:
    _roomy.__code__ = _roomy.__code__.replace(
        co_stacksize=_roomy.__code__.co_stacksize + ROOM_SLOTS)
except (AttributeError, TypeError, ValueError):  # an interpreter without such code objects
    pass


def call_with_room(function: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
    """``function(*args, **kwargs)``, with room on the frame stack for its deepest calls."""
    return _roomy(function, args, kwargs)
