"""Profiles kept in SQLite; an upload is stored under the hash of its own bytes."""

import hashlib
import os
import sqlite3

from flask import Flask, abort, current_app, g, jsonify, request, send_from_directory

ALLOWED = {".png", ".gif", ".jpg", ".jpeg", ".webp"}


def db():
    if "db" not in g:
        g.db = sqlite3.connect(current_app.config["DATABASE"])
        g.db.execute("CREATE TABLE IF NOT EXISTS profile "
                     "(username TEXT PRIMARY KEY, bio TEXT NOT NULL DEFAULT '', image TEXT)")
    return g.db


def load(username):
    db().execute("INSERT OR IGNORE INTO profile (username) VALUES (?)", (username,))
    db().commit()
    bio, image = db().execute("SELECT bio, image FROM profile WHERE username = ?",
                              (username,)).fetchone()
    return jsonify(username=username, bio=bio,
                   image_url=f"/static/uploads/{image}" if image else None)


def create_app(config=None):
    app = Flask(__name__, instance_relative_config=True)
    app.config["DATABASE"] = os.path.join(app.instance_path, "profiles.db")
    app.config["UPLOAD_FOLDER"] = os.path.join(app.instance_path, "uploads")
    if config is not None:
        app.config.update(config)
    # Flask's own default is None (no limit): fill it in only when nobody chose one.
    if app.config["MAX_CONTENT_LENGTH"] is None:
        app.config["MAX_CONTENT_LENGTH"] = 8 * 1024 * 1024
    os.makedirs(app.config["UPLOAD_FOLDER"], exist_ok=True)
    os.makedirs(os.path.dirname(app.config["DATABASE"]), exist_ok=True)

    @app.teardown_appcontext
    def close_db(exc):
        conn = g.pop("db", None)
        if conn is not None:
            conn.close()

    for status in (400, 404, 405, 413):
        app.register_error_handler(
            status, lambda e: (jsonify(status=e.code, detail=e.description), e.code))

    @app.route("/profiles/<username>", methods=["GET", "PATCH"])
    def profile(username):
        if request.method == "PATCH":
            bio = request.form.get("bio")
            if bio is None:
                abort(400, "no bio field in the form")
            load(username)
            db().execute("UPDATE profile SET bio = ? WHERE username = ?", (bio, username))
            db().commit()
        return load(username)

    @app.route("/profiles/<username>/upload-image", methods=["POST"])
    def upload_image(username):
        file = request.files.get("image")
        if file is None or file.filename == "":
            abort(400, "choose a file and send it as the image field")
        ext = os.path.splitext(file.filename)[1].lower()
        if ext not in ALLOWED:
            abort(400, f"extension {ext!r} is not allowed")
        data = file.read()
        name = hashlib.sha256(data).hexdigest() + ext
        with open(os.path.join(current_app.config["UPLOAD_FOLDER"], name), "wb") as out:
            out.write(data)
        load(username)
        db().execute("UPDATE profile SET image = ? WHERE username = ?", (name, username))
        db().commit()
        return load(username), 201

    @app.route("/static/uploads/<path:name>")
    def uploads(name):
        return send_from_directory(current_app.config["UPLOAD_FOLDER"], name)

    return app


if __name__ == "__main__":
    create_app().run()
