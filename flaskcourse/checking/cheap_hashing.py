"""Make Werkzeug's password hashing cheap while checks run.

``generate_password_hash`` defaults to scrypt at a cost meant to slow attackers down: about a
tenth of a second per hash, paid for every user of every app a check builds and for every
login. The hashes keep their format and their checks keep working (the cost is stored in the
hash); only the default cost drops, in the child process that runs checks and nowhere else.
"""

from __future__ import annotations

from typing import Any

CHEAP = {"scrypt": "scrypt:128:8:1", "pbkdf2": "pbkdf2:sha256:10"}
"""About the lowest costs the methods accept (scrypt below n=128 exceeds the memory bound
Werkzeug gives OpenSSL): a tenth of a millisecond a hash instead of two."""


def install() -> None:
    try:
        from werkzeug import security
    except ImportError:
        return
    real = getattr(security, "_hash_internal", None)
    if real is None or getattr(real, "cheap", False):
        return

    def cheap(method: str, salt: str, password: str) -> Any:
        return real(CHEAP.get(method, method), salt, password)

    cheap.cheap = True  # type: ignore[attr-defined]
    security._hash_internal = cheap
