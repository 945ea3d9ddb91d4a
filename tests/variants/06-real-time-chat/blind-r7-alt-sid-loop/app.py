"""Lesson 06, another way: the "room" is simply the dict of connections that have joined.

Instead of join_room/to=ROOM, every announcement is addressed to each joined sid in turn.
"""

import threading

from flask import Blueprint, Flask, render_template, request
from flask_socketio import SocketIO, emit

socketio = SocketIO()
pages = Blueprint("pages", __name__)

_lock = threading.Lock()
members: dict[str, str] = {}   # request.sid -> name it joined with


@pages.route("/")
def index():
    return render_template("index.html")


def create_app(config=None):
    app = Flask(__name__)
    app.config["SECRET_KEY"] = "dev-only-not-secret"
    app.config.update(config or {})
    app.register_blueprint(pages)
    socketio.init_app(app, async_mode="threading")
    return app


def clean(value, limit):
    if type(value) is not str:
        return ""
    return value.strip()[:limit]


def tell(event, payload, skip=None):
    with _lock:
        targets = [sid for sid in members if sid != skip]
    for sid in targets:
        emit(event, payload, to=sid)


@socketio.on("join")
def join(payload):
    name = clean(payload.get("username") if isinstance(payload, dict) else None, 40)
    if not name:
        return
    with _lock:
        members[request.sid] = name
    tell("status", {"message": f"{name} joined"})


@socketio.on("chat_message")
def chat_message(payload):
    with _lock:
        name = members.get(request.sid)
    text = clean(payload.get("message") if isinstance(payload, dict) else None, 1000)
    if name and text:
        tell("chat_message", {"username": name, "message": text}, skip=request.sid)


@socketio.on("disconnect")
def gone(reason=None):
    with _lock:
        name = members.pop(request.sid, None)
    if name:
        tell("status", {"message": f"{name} left"})


if __name__ == "__main__":
    socketio.run(create_app(), allow_unsafe_werkzeug=True)
