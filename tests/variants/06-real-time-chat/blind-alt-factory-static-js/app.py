"""Lesson 06: everything built inside the factory; the page's JavaScript is a static file."""

from flask import Flask, render_template, request
from flask_socketio import SocketIO, join_room

ROOM = "everyone"


def _string_field(data, key):
    if isinstance(data, dict) and isinstance(data.get(key), str) and data[key].strip():
        return data[key].strip()
    return None


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(SECRET_KEY="dev")
    if config is not None:
        app.config.from_mapping(config)

    socketio = SocketIO(app, async_mode="threading")
    who = {}  # this app's connections: sid -> name

    def joined(data):
        name = _string_field(data, "username")
        if name is None:
            socketio.emit("status", {"message": "a name is required"}, to=request.sid)
            return
        who[request.sid] = name
        join_room(ROOM)
        socketio.emit("status", {"message": f"{name} has joined the chat"}, to=ROOM)

    def said(data):
        name = who.get(request.sid)
        text = _string_field(data, "message")
        if name is None or text is None:
            return
        socketio.emit("chat_message", {"username": name, "message": text},
                      to=ROOM, skip_sid=request.sid)

    def gone(*_reason):
        name = who.pop(request.sid, None)
        if name:
            socketio.emit("status", {"message": f"{name} has left"}, to=ROOM)

    socketio.on_event("join", joined)
    socketio.on_event("chat_message", said)
    socketio.on_event("disconnect", gone)

    @app.route("/")
    def page():
        return render_template("index.html")

    return app


if __name__ == "__main__":
    application = create_app()
    application.extensions["socketio"].run(application, allow_unsafe_werkzeug=True)
