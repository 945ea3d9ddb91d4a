"""Lesson 06 in another style: a small ChatRoom object and match/case validation."""

import threading

from flask import Flask, render_template, request
from flask_socketio import SocketIO, emit, join_room, leave_room

socketio = SocketIO(async_mode="threading")


class ChatRoom:
    """Who is in the room: connection id -> the name it joined with."""

    def __init__(self, name):
        self.name = name
        self._names = {}
        self._lock = threading.Lock()

    def admit(self, sid, username):
        with self._lock:
            self._names[sid] = username

    def name_of(self, sid):
        with self._lock:
            return self._names.get(sid)

    def forget(self, sid):
        with self._lock:
            return self._names.pop(sid, None)


room = ChatRoom("general")


def create_app(config=None):
    app = Flask(__name__, template_folder="templates")
    app.secret_key = "not-a-secret"
    if config is not None:
        app.config.from_mapping(config)

    @app.route("/", methods=["GET"])
    def home():
        return render_template("index.html")

    socketio.init_app(app)
    return app


def wanted_text(data, key, limit):
    match data:
        case {**fields} if isinstance(fields.get(key), str) and fields[key].strip():
            return fields[key].strip()[:limit]
        case _:
            return None


def on_join(data):
    username = wanted_text(data, "username", 64)
    if username is None:
        return
    room.admit(request.sid, username)
    join_room(room.name)
    emit("status", {"message": f"{username} joined"}, room=room.name)


def on_chat_message(data):
    username = room.name_of(request.sid)
    message = wanted_text(data, "message", 4000)
    if username is None or message is None:
        return
    emit("chat_message", {"username": username, "message": message},
         room=room.name, include_self=False)


def on_disconnect(*_reason):
    username = room.forget(request.sid)
    leave_room(room.name)
    if username is not None:
        emit("status", {"message": f"{username} left"}, room=room.name)


socketio.on_event("join", on_join)
socketio.on_event("chat_message", on_chat_message)
socketio.on_event("disconnect", on_disconnect)


if __name__ == "__main__":
    socketio.run(create_app(), host="127.0.0.1", port=5000, allow_unsafe_werkzeug=True)
