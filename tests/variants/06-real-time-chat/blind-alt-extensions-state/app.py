"""Lesson 06: names kept per app in app.extensions, a decorator for 'must have joined'."""

import functools

from flask import Flask, current_app, render_template, request
from flask_socketio import SocketIO, emit, join_room

socketio = SocketIO()
CHAT_ROOM = "main"


def names():
    return current_app.extensions["chat_names"]


def requires_join(handler):
    @functools.wraps(handler)
    def wrapper(*args):
        name = names().get(request.sid)
        if name is None:
            emit("status", {"message": "you have not joined yet"}, to=request.sid)
            return None
        return handler(name, *args)
    return wrapper


def text_of(payload, key):
    try:
        value = payload[key]
    except (TypeError, KeyError, IndexError):
        return ""
    if not isinstance(value, str):
        return ""
    return value.strip()


@socketio.on("join")
def handle_join(payload=None):
    name = text_of(payload, "username")
    if name == "":
        emit("status", {"message": "usernames cannot be blank"}, to=request.sid)
        return
    names()[request.sid] = name
    join_room(CHAT_ROOM)
    emit("status", {"message": "welcome " + name + ": " + name + " joined"}, to=CHAT_ROOM)


@socketio.on("chat_message")
@requires_join
def handle_message(name, payload=None):
    message = text_of(payload, "message")
    if message:
        emit("chat_message", dict(username=name, message=message),
             to=CHAT_ROOM, include_self=False)


@socketio.on("disconnect")
def handle_disconnect():
    name = names().pop(request.sid, None)
    if name is None:
        return
    emit("status", {"message": "goodbye, " + name + " left"}, to=CHAT_ROOM)


def create_app(config=None):
    app = Flask(__name__)
    app.config.update({"SECRET_KEY": "not-for-production", **(config or {})})
    app.extensions["chat_names"] = {}
    app.add_url_rule("/", "index", lambda: render_template("index.html"), methods=["GET"])
    socketio.init_app(app, async_mode="threading")
    return app


if __name__ == "__main__":
    socketio.run(create_app(), allow_unsafe_werkzeug=True)
