"""Lesson 03, another style: dataclass profiles, exclusive file creation, /static/uploads/ URLs."""

import os
import secrets
from collections import defaultdict
from dataclasses import dataclass

from flask import Flask, abort, current_app, jsonify, request, send_from_directory, url_for
from werkzeug.exceptions import HTTPException
from werkzeug.utils import secure_filename

ALLOWED_EXTENSIONS = ("png", "jpg", "jpeg", "gif", "webp")
DEFAULT_LIMIT = 3 * 1024 * 1024


@dataclass
class Profile:
    bio: str = ""
    image: str | None = None


def create_app(config=None):
    app = Flask(__name__)
    app.config["UPLOAD_FOLDER"] = os.path.join(app.instance_path, "uploads")
    app.config["MAX_CONTENT_LENGTH"] = DEFAULT_LIMIT
    app.config.update(config or {})
    os.makedirs(app.config["UPLOAD_FOLDER"], exist_ok=True)
    app.extensions["profiles"] = defaultdict(Profile)   # one per app, a profile per username

    @app.errorhandler(HTTPException)
    def json_error(error):
        return jsonify(error=error.name, message=error.description), error.code

    @app.route("/profiles/<username>", methods=["GET", "PATCH"])
    def profile(username):
        record = profiles()[username]
        if request.method == "PATCH":
            bio = request.form.get("bio")
            if bio is None:
                abort(400, description="Missing form field 'bio'.")
            record.bio = bio
        return render(username, record)

    @app.route("/profiles/<username>/upload-image", methods=["POST"])
    def upload_image(username):
        upload = request.files.get("image")
        if upload is None:
            abort(400, description="Missing multipart field 'image'.")
        if upload.filename == "":
            abort(400, description="Empty file name in 'image'.")
        cleaned = secure_filename(upload.filename)
        stem, dot_ext = os.path.splitext(cleaned)
        if dot_ext[1:].lower() not in ALLOWED_EXTENSIONS:
            abort(400, description="Not an image: use " + "/".join(ALLOWED_EXTENSIONS) + ".")
        # A 300-character name is legal; a file name over 255 bytes is not: keep its end.
        stored, handle = create_unique(current_app.config["UPLOAD_FOLDER"], cleaned[-100:])
        with handle:
            upload.save(handle)
        record = profiles()[username]
        record.image = stored
        return render(username, record), 201

    @app.get("/static/uploads/<path:filename>")
    def upload_file(filename):
        return send_from_directory(current_app.config["UPLOAD_FOLDER"], filename)

    return app


def profiles():
    return current_app.extensions["profiles"]


def create_unique(folder, cleaned):
    """A new file in folder whose name nobody else has: O_EXCL makes the OS refuse a clash."""
    while True:
        name = f"{secrets.token_urlsafe(12)}.{cleaned}"
        try:
            fd = os.open(os.path.join(folder, name), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            continue
        return name, os.fdopen(fd, "wb")


def render(username, record):
    url = url_for("upload_file", filename=record.image) if record.image else None
    return jsonify(username=username, bio=record.bio, image_url=url)


if __name__ == "__main__":
    create_app().run(debug=True)
