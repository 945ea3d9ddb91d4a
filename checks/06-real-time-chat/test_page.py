"""Lesson 06: the chat page served at /.

The checks cannot run the page's JavaScript (and never reach the CDN); they read what the
server sends: the HTML, its inline scripts, and any script it loads from the app itself.
"""

import re
from html.parser import HTMLParser

from flaskcourse.checking import expect

CLIENT_SRC = re.compile(r"socket\.io(?:\.min)?\.js(?:$|[?#])", re.IGNORECASE)
UNSAFE_SINKS = ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write")
SAFE_SINKS = ("textContent", "innerText", "createTextNode")


class Scripts(HTMLParser):
    """Every <script>: its src (or None) and its inline code."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []
        self._inline = None

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            a = dict(attrs)
            self.found.append({"src": a.get("src"), "code": "",
                               "deferred": "defer" in a or (a.get("type") or "").lower() == "module"})
            self._inline = self.found[-1]

    def handle_endtag(self, tag):
        if tag == "script":
            self._inline = None

    def handle_data(self, data):
        if self._inline is not None:
            self._inline["code"] += data


def scripts_of(html):
    parser = Scripts()
    parser.feed(html)
    return parser.found


def is_local(src):
    return not re.match(r"^(?:[a-z][a-z0-9+.-]*:)?//", src, re.IGNORECASE)


def without_comments(code):
    """JavaScript without /* */ and // comments (a // inside a URL string is kept)."""
    code = re.sub(r"/\*.*?\*/", "", code, flags=re.DOTALL)
    return re.sub(r"(^|[\s;{}(),])//[^\n]*", r"\1", code)


def own_code(client, script):
    """The code of one <script>: inline, or fetched from the app; None for another site's file."""
    src = script["src"]
    if src is None:
        return script["code"]
    if is_local(src) and not CLIENT_SRC.search(src):
        path = src if src.startswith("/") else "/" + src
        loaded = client.get(path.split("#")[0])
        if loaded.status_code == 200:
            return loaded.get_data(as_text=True)
    return None


def page_code(client):
    """The page's response, and its own JavaScript: inline scripts and scripts served by the app."""
    response = client.get("/")
    e = expect(response).status(200)
    code = [own_code(client, script) for script in scripts_of(response.get_data(as_text=True))]
    return e, without_comments("\n".join(c for c in code if c))


def test_page_loads(client):
    """GET / answers 200 with an HTML page"""
    expect(client.get("/")).status(200).content_type("text/html")


def test_page_loads_the_socketio_client(client):
    """the page loads the Socket.IO JavaScript client with a <script src=...> tag"""
    response = client.get("/")
    e = expect(response).status(200)
    sources = [s["src"] for s in scripts_of(response.get_data(as_text=True)) if s["src"]]
    e.that(any(CLIENT_SRC.search(src) for src in sources),
           "a <script src=\"https://cdn.socket.io/4.7.5/socket.io.min.js\" ...> tag (or another "
           "copy of socket.io.min.js)",
           got="script sources: " + (", ".join(sources) if sources else "none"),
           help="The browser needs the Socket.IO client library before your code can call "
                "io(). A plain WebSocket cannot talk to a Socket.IO server. Add the tag from "
                "the lesson, above your own <script>.")


def test_page_script_speaks_the_contract(client):
    """the page's script connects with io() and uses the join, chat_message and status events"""
    e, code = page_code(client)
    q = r"""\s*\(\s*["'`]"""
    missing = [what for what, found in (
        ("io()", re.search(r"\bio\s*\(", code)),
        ('.emit("join", ...)', re.search(r"\.emit" + q + r"join[\"'`]", code)),
        ('.emit("chat_message", ...)', re.search(r"\.emit" + q + r"chat_message[\"'`]", code)),
        ('.on("chat_message", ...)', re.search(r"\.on" + q + r"chat_message[\"'`]", code)),
        ('.on("status", ...)', re.search(r"\.on" + q + r"status[\"'`]", code)),
    ) if not found]
    e.that(not missing, "page JavaScript that connects with io(), emits \"join\" and "
                        "\"chat_message\", and listens for \"chat_message\" and \"status\"",
           got="the page's JavaScript has no " + ", ".join(missing),
           help="Connect with const socket = io(); emit \"join\" and \"chat_message\", and "
                "listen with socket.on(\"chat_message\", ...) and socket.on(\"status\", ...).")


def test_page_shows_messages_as_text_not_html(client):
    """the page puts messages in with textContent, never innerHTML (no script injection)"""
    e, code = page_code(client)
    unsafe = [sink for sink in UNSAFE_SINKS if sink in code]
    e.that(not unsafe,
           "page JavaScript without " + ", ".join(UNSAFE_SINKS),
           got="the page's JavaScript uses " + ", ".join(unsafe),
           help="A message is whatever another person typed. Given to innerHTML, "
                "<img src=x onerror=alert(1)> runs in everyone's tab. Set element.textContent "
                "instead (and clear a list with replaceChildren()). The checks read the served "
                "page and its scripts; comments are ignored.")
    e.that(any(sink in code for sink in SAFE_SINKS),
           "page JavaScript that shows messages with textContent (or innerText, or "
           "document.createTextNode)",
           got="none of these in the page's JavaScript",
           help="Create an element with document.createElement(\"li\"), set its textContent "
                "to the message, and append it to the log.")


def test_page_loads_the_client_before_its_own_script(client):
    """the Socket.IO client's <script> tag comes before the page's own script that calls io()"""
    response = client.get("/")
    e = expect(response).status(200)
    scripts = scripts_of(response.get_data(as_text=True))
    client_at = next((i for i, s in enumerate(scripts) if s["src"] and CLIENT_SRC.search(s["src"])),
                     None)
    early = []
    for i, script in enumerate(scripts):
        if client_at is not None and i > client_at:
            break
        if i == client_at or script["deferred"]:
            continue  # a deferred script (defer, type="module") runs after the whole page is read
        code = own_code(client, script)
        if code and re.search(r"\bio\s*\(", without_comments(code)):
            early.append(script["src"] or "an inline <script>")
    e.that(client_at is not None and not early,
           "the <script src=\"...socket.io.min.js\"> tag above the script that calls io()",
           got=("no socket.io.min.js tag at all" if client_at is None else
                f"{', '.join(early)} calls io() before the client tag"),
           help="The browser runs scripts in the order of the page: a script that calls io() "
                "before the client library is loaded stops with \"io is not defined\". Put the "
                "CDN tag first.")
