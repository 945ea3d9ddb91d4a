"""Lesson 06, written as a class-based Socket.IO namespace."""

from flask import Flask, render_template, request
from flask_socketio import Namespace, SocketIO, emit, join_room

socketio = SocketIO()


class Chat(Namespace):
    """All chat events of the default namespace. Each on_<event> method handles <event>."""

    room = "lobby"

    def __init__(self, namespace="/"):
        super().__init__(namespace)
        self.names = {}  # request.sid -> joined name

    @staticmethod
    def _clean(payload, field, limit):
        if type(payload) is not dict:
            return ""
        raw = payload.get(field)
        return raw.strip()[:limit] if isinstance(raw, str) else ""

    def on_join(self, payload):
        name = self._clean(payload, "username", 40)
        if not name:
            return  # ignored: nobody hears about it
        self.names[request.sid] = name
        join_room(self.room)
        emit("status", {"message": "%s joined" % name}, to=self.room)

    def on_chat_message(self, payload):
        if request.sid not in self.names:
            return
        text = self._clean(payload, "message", 1000)
        if not text:
            return
        emit("chat_message", {"username": self.names[request.sid], "message": text},
             to=self.room, skip_sid=request.sid)

    def on_disconnect(self, reason=None):
        name = self.names.pop(request.sid, None)
        if name:
            emit("status", {"message": "%s left" % name}, to=self.room)


socketio.on_namespace(Chat("/"))


def create_app(config=None):
    app = Flask(__name__)
    app.config["SECRET_KEY"] = "change-me"
    app.config.update(config or {})

    @app.route("/", methods=["GET"])
    def home():
        return render_template("index.html")

    socketio.init_app(app, async_mode="threading")
    return app


if __name__ == "__main__":
    socketio.run(create_app(), allow_unsafe_werkzeug=True)
