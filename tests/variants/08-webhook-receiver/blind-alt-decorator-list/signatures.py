"""Webhook signatures: HMAC-SHA256 of the raw body, sent as sha256=<lowercase hex>."""

import hashlib
import hmac
import string

_HEX = frozenset(string.hexdigits.lower())


def sign(secret: str, body: bytes) -> str:
    return "sha256=%s" % hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def _well_formed(header) -> bool:
    if not header or not isinstance(header, str):
        return False
    scheme, sep, digest = header.partition("=")
    return scheme == "sha256" and sep == "=" and len(digest) == 64 and set(digest) <= _HEX


def is_valid(secret: str, body: bytes, header) -> bool:
    if not _well_formed(header):
        return False  # only ASCII hex gets past this point, so str comparison is safe
    return hmac.compare_digest(sign(secret, body), header)
