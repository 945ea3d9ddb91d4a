"""sign() and is_valid() for X-Webhook-Signature: sha256=<hex HMAC-SHA256 of the raw body>."""

import hashlib
import hmac
import secrets

SCHEME = b"sha256="


def sign(secret: str, body: bytes) -> str:
    mac = hmac.new(secret.encode(), body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def is_valid(secret: str, body: bytes, header: "str | None") -> bool:
    if header is None:
        return False
    try:
        # HTTP header values arrive as latin-1 text; turn them back into the bytes on the wire.
        received = header.encode("latin-1")
    except UnicodeEncodeError:
        return False
    if not received.startswith(SCHEME) or len(received) == len(SCHEME):
        return False
    expected = sign(secret, body).encode()
    return secrets.compare_digest(expected, received)
