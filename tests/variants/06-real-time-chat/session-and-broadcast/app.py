from flask import Flask, render_template, request, session
from flask_socketio import SocketIO, emit

socketio = SocketIO()


def create_app(config=None):
    app = Flask(__name__)
    app.config["SECRET_KEY"] = "dev"
    app.config.update(config or {})

    @app.route("/")
    def home():
        return render_template("chat.html")

    socketio.init_app(app, async_mode="threading")
    return app


def clean(value):
    return value.strip() if isinstance(value, str) and value.strip() else None


@socketio.on("join")
def join(payload):
    name = clean(payload.get("username")) if isinstance(payload, dict) else None
    if not name:
        return
    session["username"] = name
    emit("status", {"text": name + " has joined the chat"}, broadcast=True)


@socketio.on("chat_message")
def chat_message(payload):
    name = session.get("username")
    text = clean(payload.get("message")) if isinstance(payload, dict) else None
    if name and text:
        emit("chat_message", {"username": name, "message": text},
             broadcast=True, skip_sid=request.sid)


@socketio.on("disconnect")
def gone(reason=None):
    name = session.pop("username", None)
    if name:
        emit("status", {"text": name + " has left the chat"}, broadcast=True)


if __name__ == "__main__":
    socketio.run(create_app(), debug=True, allow_unsafe_werkzeug=True)
