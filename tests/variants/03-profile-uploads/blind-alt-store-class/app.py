"""Lesson 03 with a small profile store object and a helper that validates uploads."""

import os
import secrets
import threading

from flask import Flask, abort, current_app, request, send_from_directory, url_for
from werkzeug.exceptions import HTTPException
from werkzeug.utils import secure_filename

ALLOWED_EXTENSIONS = ("gif", "jpeg", "jpg", "png", "webp")

DEFAULTS = {"MAX_CONTENT_LENGTH": 8 * 1024 * 1024}


class ProfileStore:
    def __init__(self):
        self._data = {}
        self._lock = threading.Lock()

    def get(self, username):
        with self._lock:
            return dict(self._data.setdefault(username, {"bio": "", "image": None}))

    def update(self, username, **changes):
        with self._lock:
            self._data.setdefault(username, {"bio": "", "image": None}).update(changes)
            return dict(self._data[username])


def store():
    return current_app.extensions["profile_store"]


def public(username, profile):
    image = profile["image"]
    return {
        "username": username,
        "bio": profile["bio"],
        "image_url": None if image is None else url_for("uploaded", filename=image),
    }


def checked_name(upload):
    """The name to save under, or abort(400)."""
    if upload is None:
        abort(400, "Expected a file in the multipart field 'image'.")
    if not upload.filename:
        abort(400, "The 'image' part carries no file name.")
    clean = secure_filename(upload.filename)
    stem, sep, ext = clean.rpartition(".")
    if not sep or ext.lower() not in ALLOWED_EXTENSIONS:
        abort(400, "Not an image: use " + ", ".join(ALLOWED_EXTENSIONS) + ".")
    return secrets.token_hex(16) + "." + ext.lower()


def create_app(config=None):
    app = Flask(__name__)
    settings = dict(DEFAULTS)
    settings["UPLOAD_FOLDER"] = os.path.join(app.instance_path, "uploads")
    settings.update(config or {})
    app.config.update(settings)
    os.makedirs(app.config["UPLOAD_FOLDER"], exist_ok=True)
    app.extensions["profile_store"] = ProfileStore()

    @app.errorhandler(HTTPException)
    def json_error(error):
        return {"error": error.name, "message": error.description}, error.code

    @app.route("/profiles/<username>", methods=["GET"])
    def read(username):
        return public(username, store().get(username))

    @app.route("/profiles/<username>", methods=["PATCH"])
    def write_bio(username):
        if "bio" not in request.form:
            abort(400, "Missing the form field 'bio'.")
        return public(username, store().update(username, bio=request.form["bio"]))

    @app.route("/profiles/<username>/upload-image", methods=["POST"])
    def upload(username):
        upload = request.files.get("image")
        name = checked_name(upload)
        upload.save(os.path.join(current_app.config["UPLOAD_FOLDER"], name))
        return public(username, store().update(username, image=name)), 201

    @app.route("/files/<path:filename>", methods=["GET"])
    def uploaded(filename):
        return send_from_directory(current_app.config["UPLOAD_FOLDER"], filename)

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
