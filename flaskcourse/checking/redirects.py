"""Open-redirect probes: where a browser would really go for a ``Location`` or a ``next`` value.

A browser strips ASCII tab, newline and carriage return anywhere in a URL, reads a backslash as a
slash in http(s) URLs, and takes ``//host`` as another host with the page's scheme. So a rule like
"starts with / but not //" lets ``/\\t/evil.example`` and ``/\\evil.example`` through. ``TRICKS``
are the values a safe rule must refuse (percent-encoded forms too: a rule checks the value as sent
and once decoded, in case something on the way decodes it again); ``leaves_site`` decides, as a
browser would, whether a Location header points away from the app's host, and ``lands_on`` where
on the app it lands.
"""

from __future__ import annotations

from urllib.parse import urlsplit

EVIL = "evil.example"
TRICKS: tuple[tuple[str, str], ...] = (
    ("two slashes", f"//{EVIL}/x"),
    ("three slashes", f"///{EVIL}/x"),
    ("a backslash", f"/\\{EVIL}/x"),
    ("slash backslash slash", f"/\\/{EVIL}/x"),
    ("a tab between the slashes", f"/\t/{EVIL}/x"),
    ("a newline between the slashes", f"/\n/{EVIL}/x"),
    ("a carriage return between the slashes", f"/\r/{EVIL}/x"),
    ("a leading space", f" //{EVIL}/x"),
    ("a tab before the slashes", f"\t//{EVIL}/x"),
    ("a tab inside the scheme", f"ht\ttps://{EVIL}/x"),
    ("two backslashes", f"\\\\{EVIL}/x"),
    ("percent-encoded slashes", f"/%2F{EVIL}/x"),
    ("two percent-encoded slashes", f"%2F%2F{EVIL}/x"),
    ("a percent-encoded backslash", f"/%5C{EVIL}/x"),
    ("a percent-encoded tab between the slashes", f"/%09/{EVIL}/x"),
    ("an absolute https URL", f"https://{EVIL}/x"),
    ("a scheme with no slashes", f"https:{EVIL}/x"),
    ("a javascript: URL", "javascript:alert(1)"),
    ("userinfo before the host", f"//localhost@{EVIL}/x"),
    ("an absolute URL to this very host", "http://localhost/x"),
)


def browser_view(location: str) -> str:
    """The URL as a browser reads it: tab/newline/CR removed, backslashes as slashes,
    leading and trailing spaces and control characters stripped."""
    cleaned = "".join(ch for ch in location if ch not in "\t\n\r")
    cleaned = cleaned.strip("".join(chr(c) for c in range(0x21)))
    return cleaned.replace("\\", "/")


def leaves_site(location: str, host: str = "localhost") -> bool:
    """True when following ``location`` would take a browser to another host or scheme."""
    seen = browser_view(location)
    parts = urlsplit(seen)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return True
    if parts.netloc:
        return (parts.hostname or "") != host
    return parts.scheme != "" or seen.startswith("//")


def lands_on(location: str, base: str = "http://localhost/") -> tuple[str, str]:
    """(host, path) a browser reaches by following ``location`` from the page ``base``."""
    from urllib.parse import urljoin

    target = urlsplit(urljoin(base, browser_view(location)))
    return target.hostname or "", target.path
