"""Lesson 06: a real-time chat room with Flask-SocketIO.

Read the lesson first: `flaskcourse read`. The contract your handlers keep:

    client -> server   "join"          {"username": "ada"}
    client -> server   "chat_message"  {"message": "hello"}
    server -> room     "status"        {"message": "ada joined"}   (the room, the joiner too)
    server -> room     "chat_message"  {"username": "ada", "message": "hello"}   (not the sender)
    server -> room     "status"        {"message": "ada left"}     (when ada disconnects)

"The room" is the connections that joined: a connection that has not joined hears nothing.

The page (templates/index.html) needs a few lines too: look for TODO there.
"""

from flask import Flask, render_template, request  # noqa: F401  (request.sid: you'll need it)
from flask_socketio import SocketIO, emit, join_room  # noqa: F401

# One SocketIO object for the module, attached to the app in create_app. The handlers below
# register on it when this file is imported.
socketio = SocketIO()

# TODO: decide where the server remembers who is who. A dict from request.sid (one id per
# connection) to the username that connection joined with works well.


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(SECRET_KEY="dev-only-not-secret")
    if config:
        app.config.update(config)

    @app.get("/")
    def index():
        return render_template("index.html")

    # Done for you: Socket.IO on Flask's own development server, no monkey-patching.
    socketio.init_app(app, async_mode="threading")
    return app


@socketio.on("join")
def on_join(data):
    """data should be {"username": "..."}.

    TODO:
    - take the username; refuse (return) when it is missing, not a string, or blank
    - remember it for this connection (request.sid)
    - put the connection in the chat room: join_room(...)
    - announce f"{username} joined" as a "status" event to the whole room, the joiner included
    """


@socketio.on("chat_message")
def on_chat_message(data):
    """data should be {"message": "..."}.

    TODO:
    - ignore the message when this connection never joined
    - ignore it when "message" is not a string, or is blank once stripped
    - send "chat_message" {"username": <the name it joined with>, "message": <the text>}
      to the room, but not back to the sender
    """


@socketio.on("disconnect")
def on_disconnect(reason=None):
    """Flask-SocketIO calls this by itself when a connection closes.

    TODO: forget this connection's name and, if it had joined, announce f"{username} left".
    """


if __name__ == "__main__":
    # socketio.run() instead of app.run(): it picks the right server for the async mode.
    # allow_unsafe_werkzeug=True says "yes, the development server, on purpose".
    socketio.run(create_app(), debug=True, allow_unsafe_werkzeug=True)
