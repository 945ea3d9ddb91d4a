"""What hidden checks import: assertions that explain themselves to the learner.

A check is an ordinary pytest function whose docstring is the sentence the learner sees.
It uses the fixtures of :mod:`flaskcourse.checking.plugin` (``app``, ``client``, ``clock``,
``http``, ``cli``) and the helpers here, so every failure comes out as request / expected / got.
"""

from flaskcourse.checking.expect import Expect, expect, same_shape, show_json
from flaskcourse.checking.failure import CheckFailure, fail

__all__ = ["CheckFailure", "Expect", "expect", "fail", "same_shape", "show_json"]
