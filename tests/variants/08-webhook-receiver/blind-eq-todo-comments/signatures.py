"""Signing and verifying webhook bodies: HMAC-SHA256 over the raw bytes, sent as sha256=<hex>.

`sign` is done: it is what the sender computes (send_webhook.py does the same). You write
`is_valid`, what the receiver computes.
"""

import hashlib
import hmac

PREFIX = "sha256="


def sign(secret: str, body: bytes) -> str:
    """The header value a sender puts in X-Webhook-Signature for this body."""
    digest = hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
    return PREFIX + digest


def is_valid(secret: str, body: bytes, header: str | None) -> bool:
    """True only when ``header`` is exactly the signature of ``body`` under ``secret``."""
    # TODO 1. No header, an empty one, or one that does not start with "sha256=": False.
    #         (request.headers.get(...) gives None when the header is absent.)
    # TODO 2. Compute what the header should be, with sign(secret, body).
    # TODO 3. Compare the two with hmac.compare_digest, never with ==. Compare bytes
    #         (.encode() both sides): compare_digest raises TypeError on a str holding
    #         non-ASCII characters, and a stranger's header can hold anything.
    if not header or not header.startswith(PREFIX):
        return False
    return sign(secret, body) == header
