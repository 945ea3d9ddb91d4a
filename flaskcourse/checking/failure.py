"""The structured failure a check raises: request sent, what was expected, what came back."""

from __future__ import annotations


class CheckFailure(AssertionError):
    """A check found the learner's app wrong; the fields are rendered, never parsed."""

    def __init__(
        self,
        expected: str,
        got: str | None = None,
        *,
        request: str | None = None,
        help: str | None = None,
    ) -> None:
        super().__init__(f"expected {expected}" + (f", got {got}" if got else ""))
        self.expected = expected
        self.got = got
        self.request = request
        self.help = help


def fail(
    expected: str, got: str | None = None, *, request: str | None = None, help: str | None = None
) -> None:
    """Fail the current check with a message phrased as expected / got."""
    __tracebackhide__ = True
    raise CheckFailure(expected, got, request=request, help=help)
