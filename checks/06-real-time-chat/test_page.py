"""Lesson 06: the chat page served at /.

The checks cannot run the page's JavaScript (and never reach the CDN); they read what the
server sends: the HTML, its inline scripts, and any script it loads from the app itself.
"""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

from flaskcourse.checking import expect, fail

CLIENT_SRC = re.compile(r"socket\.io(?:\.min)?\.js(?:$|[?#])", re.IGNORECASE)
UNSAFE_SINKS = ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write")
SAFE_SINKS = ("textContent", "innerText", "createTextNode")
PAGE_ORIGIN = "http://127.0.0.1:5000"
"""Where `flaskcourse serve` and the lesson text open the page."""
HANDSHAKE = "/socket.io/?EIO=4&transport=polling"
"""The first request io() makes: an Engine.IO handshake by long-polling."""

# Subresource-integrity hashes known for certain: (version, file) -> the hash. The lesson text
# gives the tag of socket.io 4.7.5 with this hash; a hash belongs to one file's bytes only.
KNOWN_HASHES = {
    ("4.7.5", "socket.io.min.js"):
        "sha384-2huaZvOR9iDzHqslqwpR87isEmrfxqyWOF7hr7BY6KG0+hVKLoEXMPUJw3ynWuhO",
}
HASH_STRENGTH = {"sha256": 1, "sha384": 2, "sha512": 3}
VERSION = re.compile(r"(?<![\w.])v?(\d+\.\d+\.\d+)(?![\w.])")


class Scripts(HTMLParser):
    """Every <script>: its src (or None) and its inline code."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []
        self._inline = None

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            a = dict(attrs)
            module = (a.get("type") or "").lower() == "module"
            external = a.get("src") is not None
            self.found.append({
                "src": a.get("src"), "code": "", "attrs": a,
                # defer and async act on external scripts only; a module is always deferred
                # (and async too when it says so)
                "deferred": module or (external and "defer" in a),
                "async": "async" in a and (external or module),
            })
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


def page_scripts(client):
    """The page's response expectation, and its <script> tags."""
    response = client.get("/")
    e = expect(response).status(200)
    return e, scripts_of(response.get_data(as_text=True))


def client_tags(scripts):
    return [s for s in scripts if s["src"] and CLIENT_SRC.search(s["src"])]


def calls_io(code):
    return bool(re.search(r"(?<![\w.$])io(?:\.connect)?\s*\(", code))


def tag_text(script):
    """A <script> tag as the learner wrote it (its attributes), for messages."""
    parts = []
    for name, value in script["attrs"].items():
        if value is None:
            parts.append(name)
        else:
            shown = value if len(value) <= 70 else value[:30] + "..." + value[-12:]
            parts.append(f'{name}="{shown}"')
    return "<script " + " ".join(parts) + ">"


def top_level(code, start):
    """The object literal {...} that starts at code[start], its nested parts and the insides of
    nested strings blanked; None when no object literal starts there (a variable, a call)."""
    if start >= len(code) or code[start] != "{":
        return None
    out, depth, quote, i = [], 0, None, start
    while i < len(code):
        ch = code[i]
        if quote:
            if ch == "\\":
                out.append("  " if depth > 1 else code[i:i + 2])
                i += 2
                continue
            if ch == quote:
                quote = None
        elif ch in "\"'`":
            quote = ch
        elif ch in "{[(":
            depth += 1
        elif ch in "}])":
            depth -= 1
            if depth == 0:
                return "".join(out[1:])
        out.append(ch if depth == 1 else " ")
        i += 1
    return None


def has_key(fields, key):
    """Whether the top level of an object literal has ``key`` ({key}, {key: v}, {"key": v})."""
    return bool(re.search(r"(?:^|,)\s*([\"'`]?)" + re.escape(key) + r"\1\s*(?::|,|$)", fields))


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


def test_page_client_served_by_the_app_exists(client):
    """a Socket.IO client the page loads from the app itself is really served (200)"""
    response = client.get("/")
    expect(response).status(200)
    for script in client_tags(scripts_of(response.get_data(as_text=True))):
        src = script["src"]
        if not is_local(src):
            continue
        path = (src if src.startswith("/") else "/" + src).split("#")[0]
        expect(client.get(path)).status(
            200, help=f"The page loads the Socket.IO client from {src}, but the app does not "
                      "serve that file, so the browser gets no io(). Flask-SocketIO serves no "
                      "client file: load it from the CDN with the tag from the lesson (or put "
                      "a copy of socket.io.min.js in static/).")


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


def test_page_client_tag_is_neither_async_nor_deferred(client):
    """the client tag is neither async nor deferred while a plain script after it calls io()"""
    e, scripts = page_scripts(client)
    tags = client_tags(scripts)
    if not tags:
        return  # test_page_loads_the_socketio_client says what is missing
    tag = tags[0]
    at = scripts.index(tag)
    late = []
    for script in scripts:
        if script is tag:
            continue
        code = own_code(client, script)
        if not code or not calls_io(without_comments(code)):
            continue
        waits_for_load = re.search(r"""["'`]load["'`]|\bonload\s*=""", code)
        if tag["async"] and not waits_for_load:
            late.append((script, "async"))
        elif (tag["deferred"] and not tag["async"] and scripts.index(script) > at
              and not script["deferred"] and not waits_for_load
              and "DOMContentLoaded" not in code):
            late.append((script, "defer"))
    if late:
        script, how = late[0]
        e.that(False, "a plain client tag (no async, no defer), so io() exists when your script runs",
               got=f"{tag_text(tag)}, and {script['src'] or 'an inline <script>'} calls io()",
               help=("An async script runs whenever it has arrived, in no fixed order: usually "
                     "after the script that calls io(), which then stops with \"io is not "
                     "defined\"." if how == "async" else
                     "A deferred script runs only after the whole page is read, so the plain "
                     "script after it calls io() before the library is there (\"io is not "
                     "defined\").") + " Load the client with a plain tag, as the lesson shows.")


def test_page_integrity_has_crossorigin(client):
    """a client tag from another site with integrity also has crossorigin (or the browser refuses it)"""
    e, scripts = page_scripts(client)
    for tag in client_tags(scripts):
        a = tag["attrs"]
        if is_local(tag["src"]) or not a.get("integrity"):
            continue
        e.that("crossorigin" in a, 'the tag with integrity=... to have crossorigin="anonymous"',
               got=tag_text(tag),
               help="Without crossorigin, the browser fetches a script from another site in a "
                    "way that hides its bytes, so it cannot check the integrity hash, and "
                    "refuses the file: io is not defined. Keep crossorigin=\"anonymous\" with "
                    "integrity, as in the lesson's tag.")


def src_file(src):
    """(version, file name) of a client URL: .../4.7.5/socket.io.min.js, ...@4.7.5/dist/..."""
    path = urlsplit(src).path
    found = VERSION.findall(path)
    return (found[-1] if found else None), path.rsplit("/", 1)[-1]


def test_page_integrity_matches_the_version(client):
    """the client tag's integrity hash belongs to the version its URL names"""
    e, scripts = page_scripts(client)
    owners = {digest: key for key, digest in KNOWN_HASHES.items()}
    for tag in client_tags(scripts):
        hashes = (tag["attrs"].get("integrity") or "").split()
        if not hashes:
            continue
        named = src_file(tag["src"])
        wrong = [owners[h] for h in hashes if h in owners and owners[h] != named]
        strongest = max((HASH_STRENGTH.get(h.split("-", 1)[0], 0) for h in hashes), default=0)
        # the table holds the files of cdn.socket.io; a mirror may have built its own
        known = (KNOWN_HASHES.get(named)
                 if urlsplit(tag["src"]).hostname == "cdn.socket.io" else None)
        mismatch = (known is not None and strongest == HASH_STRENGTH["sha384"]
                    and known not in hashes)
        if not wrong and not mismatch:
            continue
        if wrong:
            version, name = wrong[0]
            got = (f"{tag_text(tag)}: that hash is the one of socket.io {version}'s {name}, "
                   f"and the URL names {named[0] or 'no version'}'s {named[1]}")
        else:
            got = (f"{tag_text(tag)}: the sha384 hash of socket.io {named[0]}'s {named[1]} is "
                   f"{known}")
        e.that(False, "an integrity hash that belongs to the file the URL names", got=got,
               help="An integrity hash is the fingerprint of one file: when the version in the "
                    "URL changes, the hash must change with it, or the browser refuses the file "
                    "and io is not defined. Use the tag the Socket.IO site gives for that "
                    "version, or the lesson's 4.7.5 tag as it is.")


def io_urls(code):
    """The first argument of every io(...) call when it is a string literal."""
    return [m.group(2) for m in re.finditer(
        r"(?<![\w.$])io(?:\.connect)?\s*\(\s*([\"'`])(.*?)\1", code, re.DOTALL)]


def test_page_connects_to_its_own_server(client):
    """the page calls io() with no URL (or a path of its own site), never a fixed host"""
    e, code = page_code(client)
    fixed = [url for url in io_urls(code)
             if re.match(r"^(?:[a-z][a-z0-9+.-]*:)?//", url, re.IGNORECASE) and "${" not in url]
    e.that(not fixed, "io() (or io(\"/\")): the server that served the page",
           got="the page's JavaScript calls io(" + ", ".join(f'"{url}"' for url in fixed) + ")",
           help="io() with no URL connects back to wherever the page came from. A fixed address "
                "works on that one address: open the page at http://127.0.0.1:5000 (or on "
                "another port, or a real host) and it talks to the wrong server, or to none.")


def emitted_literals(code, event):
    """The top level of each object literal emitted with ``event`` (None when not a literal)."""
    pattern = r"\.emit\s*\(\s*([\"'`])" + re.escape(event) + r"\1\s*,\s*"
    return [top_level(code, m.end()) for m in re.finditer(pattern, code)]


def test_page_sends_the_contract_payloads(client):
    """the page emits join with {username: ...} and chat_message with {message: ...}"""
    e, code = page_code(client)
    wrong = []
    for event, key in (("join", "username"), ("chat_message", "message")):
        for fields in emitted_literals(code, event):
            if fields is not None and not has_key(fields, key):
                wrong.append(f'.emit("{event}", {{{" ".join(fields.split())}}})')
    e.that(not wrong, 'socket.emit("join", { username }) and socket.emit("chat_message", { message })',
           got="the page's JavaScript has " + ", ".join(wrong),
           help="The server reads data[\"username\"] from join and data[\"message\"] from "
                "chat_message: a payload under another key is refused (or ignored), so nothing "
                "the page sends gets through.")


def test_socketio_answers_the_page_at_its_own_address(client):
    """/socket.io/ answers the handshake of a page opened at http://127.0.0.1:5000"""
    response = client.get(HANDSHAKE, base_url=PAGE_ORIGIN, headers={"Origin": PAGE_ORIGIN})
    body = response.get_data(as_text=True)
    if response.status_code == 200 and body.startswith("0{") and '"sid"' in body:
        return
    if response.status_code == 404:
        help = ("io() connects to /socket.io/, and nothing answers there: leave out path= in "
                "init_app (or SocketIO()), so Socket.IO keeps its default path.")
    elif "origin" in body.lower():
        help = ("The Socket.IO server turned away the page's own address. Leave "
                "cors_allowed_origins out: Flask-SocketIO always accepts pages from its own "
                "host. A list copied from a tutorial (\"http://localhost:5000\") refuses "
                "http://127.0.0.1:5000, where the page is opened.")
    else:
        help = ("Attach Socket.IO with socketio.init_app(app, async_mode=\"threading\") and "
                "leave its path and allowed origins at their defaults.")
    shown = body if len(body) <= 200 else body[:200] + "..."
    fail("200 with the Engine.IO handshake (a body starting 0{\"sid\": ...})",
         f"{response.status_code} {shown!r}",
         request=f"GET {PAGE_ORIGIN}{HANDSHAKE}\nOrigin: {PAGE_ORIGIN}\n(what io() sends first, "
                 "from the page opened at that address)",
         help=help)
