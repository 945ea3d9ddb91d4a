"""Signing and verifying webhook bodies: HMAC-SHA256 over the raw bytes, sent as sha256=<hex>."""

import hashlib
import hmac
import re
import secrets

PREFIX = "sha256="
LOWER_HEX_64 = re.compile(r"[0-9a-f]{64}")


def sign(secret: str, body: bytes) -> str:
    """The header value a sender puts in X-Webhook-Signature for this body."""
    digest = hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
    return PREFIX + digest


def is_valid(secret: str, body: bytes, header: str | None) -> bool:
    """True only when header is sha256= plus the 64 lowercase hex digits of body's HMAC."""
    if not isinstance(header, str) or not header.startswith(PREFIX):
        return False
    hex_part = header[len(PREFIX):]
    if not LOWER_HEX_64.fullmatch(hex_part):
        return False
    wanted = hmac.digest(secret.encode("utf-8"), body, "sha256")
    return secrets.compare_digest(wanted, bytes.fromhex(hex_part))
