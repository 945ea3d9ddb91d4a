"""call_with_room: deep calls made from it stop mapping a new frame chunk each time."""

import resource

import pytest

from flaskcourse.stack_room import call_with_room


def _down(depth: int) -> int:
    return 0 if depth == 0 else 1 + _down(depth - 1)


def _page_faults_of(calls: int, depth: int, *, room: bool) -> int:
    """Page faults taken by ``calls`` recursions ``depth`` deep, made with or without room."""
    def repeat() -> None:
        for _ in range(calls):
            _down(depth)

    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    call_with_room(repeat) if room else repeat()
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before


def test_passes_arguments_and_returns_the_result():
    assert call_with_room(divmod, 17, 5) == (3, 2)
    assert call_with_room(dict, a=1) == {"a": 1}


def test_lets_exceptions_through():
    with pytest.raises(ZeroDivisionError):
        call_with_room(divmod, 1, 0)


def test_deep_calls_no_longer_map_a_chunk_each_time():
    # 400 frames need more than the 16 KB chunk the calls start in: without room, each of the
    # 2,000 recursions maps a new chunk (a page fault at least) and unmaps it on the way back.
    assert _page_faults_of(2000, 400, room=False) >= 2000
    assert _page_faults_of(2000, 400, room=True) < 200
