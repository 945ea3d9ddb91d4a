"""Lesson 06 with Flask-SocketIO's per-connection session.

With manage_session (the default), `session` inside a Socket.IO handler belongs to that one
connection, for as long as it stays connected: a natural place for the name it joined with.
"""

from flask import Flask, render_template, request, session
from flask_socketio import SocketIO, join_room

socketio = SocketIO()

LOBBY = "lobby"
NAME_LIMIT = 50
TEXT_LIMIT = 2000


def create_app(config=None):
    app = Flask(__name__)
    app.config.update({"SECRET_KEY": "change-me", **(config or {})})
    app.add_url_rule("/", "index", lambda: render_template("index.html"))
    socketio.init_app(app, async_mode="threading")
    return app


def _field(payload, key, limit):
    try:
        value = payload[key]
    except (TypeError, KeyError, IndexError):
        return None
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip()[:limit]


def _refuse(why):
    # server-level emit, addressed to this connection only
    socketio.emit("refused", {"message": why}, to=request.sid)


@socketio.on("join")
def handle_join(payload):
    name = _field(payload, "username", NAME_LIMIT)
    if name is None:
        _refuse("a name is needed")
        return
    session["name"] = name
    join_room(LOBBY)
    socketio.emit("status", {"message": f"{name} has joined the chat"}, to=LOBBY)


@socketio.on("chat_message")
def handle_message(payload):
    name = session.get("name")
    if name is None:
        _refuse("join first")
        return
    text = _field(payload, "message", TEXT_LIMIT)
    if text is None:
        return
    socketio.emit("chat_message", {"username": name, "message": text},
                  to=LOBBY, skip_sid=request.sid)


@socketio.on("disconnect")
def handle_disconnect():
    name = session.pop("name", None)
    if name is not None:
        socketio.emit("status", {"message": f"{name} has left the chat"}, to=LOBBY,
                      skip_sid=request.sid)


if __name__ == "__main__":
    socketio.run(create_app(), allow_unsafe_werkzeug=True)
