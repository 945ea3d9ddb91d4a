"""Read an HTML page the way a browser would, with the standard library only: its visible
text in order, its form fields and forms, and the code that would run (inline scripts and
``on*`` attributes), so checks can prove that user input was escaped."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

FIELD_TAGS = ("input", "textarea", "select")


class Page(HTMLParser):
    """A parsed page.

    ``events`` is the document in order: ("text", chunk) for each piece of visible text and
    ("field", name) for each named input, textarea or select.
    """

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple[str, str]] = []
        self.fields: dict[str, str] = {}
        self.forms: list[dict[str, str]] = []
        self.scripts: list[str] = []
        self.script_sources: list[str] = []
        self.handlers: list[str] = []
        self._raw: str | None = None
        self._textarea: str | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        self.handlers.extend(f"<{tag} {key}={value!r}>" for key, value in a.items()
                             if key.startswith("on"))
        if tag == "form":
            self.forms.append(a)
        elif tag in ("script", "style"):
            self._raw = tag
            if tag == "script" and a.get("src"):
                self.script_sources.append(a["src"])
        elif tag in FIELD_TAGS and a.get("name"):
            name = a["name"]
            self.events.append(("field", name))
            if tag == "textarea":
                self._textarea = name
                self.fields.setdefault(name, "")
            else:
                self.fields.setdefault(name, a.get("value", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == self._raw:
            self._raw = None
        if tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._raw == "script":
            if data.strip():
                self.scripts.append(data.strip())
            return
        if self._raw:
            return
        if self._textarea:
            self.fields[self._textarea] += data
            return
        text = " ".join(data.split())
        if text:
            self.events.append(("text", text))

    @property
    def texts(self) -> list[str]:
        return [value for kind, value in self.events if kind == "text"]

    @property
    def text(self) -> str:
        return " ".join(self.texts)

    def live_code(self, needle: str = "") -> list[str]:
        """Inline scripts and ``on*`` attributes that contain ``needle``: code a browser runs."""
        return [f"<script>{s}</script>" for s in self.scripts if needle in s] + \
            [h for h in self.handlers if needle in h]


def page_of(response: Any) -> Page:
    """The page a test-client response carries."""
    return Page(response.get_data(as_text=True))
