"""Make Werkzeug's password hashing cheap while checks run.

``generate_password_hash`` defaults to scrypt at a cost meant to slow attackers down: about a
tenth of a second per hash, paid for every user of every app a check builds and for every
login. The hashes keep their format and their checks keep working (the cost is stored in the
hash); only the default cost drops, in the child process that runs checks and nowhere else.
"""

from __future__ import annotations

from typing import Any

PBKDF2_ITERATIONS = 10
CHEAP = {"scrypt": "scrypt:128:8:1", "pbkdf2": f"pbkdf2:sha256:{PBKDF2_ITERATIONS}"}
"""About the lowest costs the methods accept (scrypt below n=128 exceeds the memory bound
Werkzeug gives OpenSSL): a tenth of a millisecond a hash instead of two."""


def cheapened(method: str) -> str:
    """``method`` at the lowest cost when it leaves the cost to Werkzeug's default: ``scrypt``,
    ``pbkdf2`` and ``pbkdf2:sha512`` (a hash named, no iterations: a million by default). A
    cost the method spells out is kept."""
    name, *args = method.split(":")
    if name == "pbkdf2" and len(args) == 1:
        return f"{method}:{PBKDF2_ITERATIONS}"
    return CHEAP.get(method, method)


def install() -> None:
    try:
        from werkzeug import security
    except ImportError:
        return
    real = getattr(security, "_hash_internal", None)
    if real is None or getattr(real, "cheap", False):
        return

    def cheap(method: str, salt: str, password: str) -> Any:
        return real(cheapened(method), salt, password)

    cheap.cheap = True  # type: ignore[attr-defined]
    security._hash_internal = cheap
