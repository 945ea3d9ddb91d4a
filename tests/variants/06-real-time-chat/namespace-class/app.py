from flask import Flask, current_app, render_template, request
from flask_socketio import Namespace, SocketIO, join_room

socketio = SocketIO()
LOBBY = "lobby"


def members():
    return current_app.extensions.setdefault("chat_members", {})


class ChatNamespace(Namespace):
    def on_join(self, data):
        name = (data or {}).get("username") if isinstance(data, dict) else None
        if not isinstance(name, str) or not name.strip():
            self.emit("status", {"message": "a name is required"}, room=request.sid)
            return
        name = name.strip()
        members()[request.sid] = name
        join_room(LOBBY)
        self.emit("status", {"message": f"Welcome {name}!", "user": name}, room=LOBBY)

    def on_chat_message(self, data):
        name = members().get(request.sid)
        text = data.get("message") if isinstance(data, dict) else None
        if name is None or not isinstance(text, str) or not text.strip():
            return
        self.emit("chat_message", {"username": name, "message": text.strip()},
                  room=LOBBY, include_self=False)

    def on_disconnect(self, reason=None):
        name = members().pop(request.sid, None)
        if name is not None:
            self.emit("status", {"message": f"Goodbye {name}", "user": name}, room=LOBBY)


socketio.on_namespace(ChatNamespace("/"))


def create_app(config=None):
    app = Flask(__name__)
    if config:
        app.config.update(config)
    app.add_url_rule("/", "index", lambda: render_template("index.html"))
    socketio.init_app(app, async_mode="threading")
    return app


if __name__ == "__main__":
    socketio.run(create_app(), allow_unsafe_werkzeug=True)
