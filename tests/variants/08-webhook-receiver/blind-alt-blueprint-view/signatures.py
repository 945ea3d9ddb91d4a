"""HMAC-SHA256 over the raw bytes, sent as sha256=<hex>."""

import hashlib
import hmac
import re

PREFIX = "sha256="
_SHAPE = re.compile(r"sha256=([0-9a-fA-F]{64})")


def sign(secret: str, body: bytes) -> str:
    """The header value a sender puts in X-Webhook-Signature for this body."""
    return PREFIX + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def is_valid(secret: str, body: bytes, header: str | None) -> bool:
    if header is None:
        return False
    shape = _SHAPE.fullmatch(header)
    if shape is None:  # empty, other scheme, cut short, not hex, odd characters
        return False
    expected = sign(secret, body)[len(PREFIX):]
    return hmac.compare_digest(expected.encode("ascii"), shape.group(1).lower().encode("ascii"))
