"""Signing and verifying webhook bodies: HMAC-SHA256 over the raw bytes, sent as sha256=<hex>.

The sender and the receiver share one secret. The sender computes an HMAC of the exact bytes it
puts on the wire and sends it in a header; the receiver computes the same HMAC over the exact
bytes it received. Only someone who knows the secret can produce a matching value, and any change
to the body, even one space, gives a completely different one.
"""

import hashlib
import hmac

PREFIX = "sha256="


def sign(secret: str, body: bytes) -> str:
    """The header value a sender puts in X-Webhook-Signature for this body."""
    digest = hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
    return PREFIX + digest


def is_valid(secret: str, body: bytes, header: str | None) -> bool:
    """True only when ``header`` is exactly the signature of ``body`` under ``secret``.

    Every malformed header (absent, empty, another scheme, not hex, odd characters) is simply
    False: a bad signature is the sender's problem, never a crash (a 500) on our side.
    """
    if not header or not header.startswith(PREFIX):
        return False
    expected = sign(secret, body).encode("ascii")
    # Compare bytes, not str: hmac.compare_digest refuses str with non-ASCII characters
    # (TypeError, so a 500), and a header can hold any Latin-1 character a client likes.
    received = header.encode("utf-8", "replace")
    # compare_digest takes as long whether the first byte differs or the last one does, so the
    # response time tells an attacker nothing about how much of a forged signature was right.
    # `==` stops at the first difference: that is a timing leak.
    return hmac.compare_digest(expected, received)
