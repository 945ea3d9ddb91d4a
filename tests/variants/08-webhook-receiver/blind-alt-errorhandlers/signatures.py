"""HMAC-SHA256 webhook signatures, header format sha256=<64 lowercase hex digits>."""

import hashlib
import hmac
import re

HEADER_RE = re.compile(r"sha256=([0-9a-f]{64})")


def sign(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def is_valid(secret: str, body: bytes, header) -> bool:
    # Check the shape first; only a well-formed header gets as far as the comparison, and then
    # the two 32-byte digests are compared in constant time.
    if not isinstance(header, str):
        return False
    match = HEADER_RE.fullmatch(header)
    if match is None:
        return False
    received = bytes.fromhex(match.group(1))
    expected = hmac.new(secret.encode("utf-8"), body, hashlib.sha256).digest()
    return hmac.compare_digest(expected, received)
