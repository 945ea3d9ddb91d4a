"""Signing and verifying webhook bodies: HMAC-SHA256 over the raw bytes, sent as sha256=<hex>."""

import hashlib
import hmac
import re

PREFIX = "sha256="
# sha256= plus 64 lowercase hex digits
HEADER = re.compile(r"sha256=([0-9a-f]{64})")


def sign(secret: str, body: bytes) -> str:
    """The header value a sender puts in X-Webhook-Signature for this body."""
    digest = hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
    return PREFIX + digest


def is_valid(secret: str, body: bytes, header: str | None) -> bool:
    """True only when ``header`` is exactly the signature of ``body`` under ``secret``."""
    match = HEADER.match(header or "")
    if match is None:
        return False
    expected = hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode("ascii"), match.group(1).encode("ascii"))
