"""Lesson 06: a real-time chat room with Flask-SocketIO.

HTTP serves the page once; after that every message travels over a Socket.IO connection that
stays open, so the server can push to the browser the moment someone else says something.

The contract (what the page and the checks rely on):

    client -> server   "join"          {"username": "ada"}
    client -> server   "chat_message"  {"message": "hello"}
    server -> room     "status"        {"message": "ada joined"}   (the room, the joiner too)
    server -> room     "chat_message"  {"username": "ada", "message": "hello"}   (not the sender)
    server -> room     "status"        {"message": "ada left"}     (when ada disconnects)

"The room" is the connections that joined: a connection that has not joined hears nothing.
"""

from flask import Flask, render_template, request
from flask_socketio import SocketIO, emit, join_room

# One SocketIO object for the module, bound to an app later in create_app (the same pattern as
# Flask-SQLAlchemy's `db`). Handlers are registered on it below, at import time.
socketio = SocketIO()

# Everyone who has joined is in this room. A client that connected but never said who it is
# hears nothing and is heard by no one.
ROOM = "chat"

# request.sid (one per connection) -> the username that connection joined with. The server
# remembers the name, so a client cannot claim a different one in each message.
usernames: dict[str, str] = {}

MAX_NAME = 32
MAX_MESSAGE = 500


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(SECRET_KEY="dev-only-not-secret")
    if config:
        app.config.update(config)

    @app.get("/")
    def index():
        return render_template("index.html")

    # "threading" runs Socket.IO on the ordinary Flask development server (WebSocket support
    # comes from the simple-websocket package). Nothing is monkey-patched, so `flask run`,
    # `python app.py` and the test client all behave alike.
    socketio.init_app(app, async_mode="threading")
    return app


def _text(data, key, limit):
    """data[key] as stripped text, or None when the payload is not what the contract says."""
    if not isinstance(data, dict):
        return None
    value = data.get(key)
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value[:limit] if value else None


@socketio.on("join")
def on_join(data):
    username = _text(data, "username", MAX_NAME)
    if username is None:
        # Answer only the one who asked (emit without `to` or `broadcast` replies to the sender).
        emit("status", {"message": "pick a username first"})
        return
    usernames[request.sid] = username
    join_room(ROOM)
    # to=ROOM reaches every member of the room, the joiner included: it is their confirmation.
    emit("status", {"message": f"{username} joined"}, to=ROOM)


@socketio.on("chat_message")
def on_chat_message(data):
    username = usernames.get(request.sid)
    if username is None:
        emit("status", {"message": "join the chat before sending messages"})
        return
    message = _text(data, "message", MAX_MESSAGE)
    if message is None:
        return  # a blank (or malformed) message: nothing worth telling anyone
    # include_self=False: the sender's page already shows what it typed, so it is not echoed.
    emit("chat_message", {"username": username, "message": message},
         to=ROOM, include_self=False)


@socketio.on("disconnect")
def on_disconnect(reason=None):
    # Flask-SocketIO calls this by itself when a tab closes or the network drops. Leaving the
    # room is automatic; forgetting the name is our job.
    username = usernames.pop(request.sid, None)
    if username is not None:
        emit("status", {"message": f"{username} left"}, to=ROOM)


if __name__ == "__main__":
    # socketio.run() instead of app.run(): it picks the right server for the async mode.
    # allow_unsafe_werkzeug=True says "yes, the development server, on purpose".
    socketio.run(create_app(), debug=True, allow_unsafe_werkzeug=True)
