"""Lesson 03, another style: blueprints, class-based views and generated file names.

    GET   /profiles/<username>               the profile as JSON
    PATCH /profiles/<username>               form field `bio`
    POST  /profiles/<username>/upload-image  multipart field `image`
    GET   /media/<name>                      an uploaded picture
"""

import uuid
from pathlib import Path

from flask import Blueprint, Flask, abort, current_app, jsonify, request, send_from_directory, url_for
from flask.views import MethodView
from werkzeug.exceptions import HTTPException
from werkzeug.utils import secure_filename

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp"})
ONE_MIB = 1024 * 1024


class ProfileBook:
    """The profiles of one app: username -> {"bio": ..., "image": stored name or None}."""

    def __init__(self):
        self._entries = {}

    def __getitem__(self, username):
        if username not in self._entries:
            self._entries[username] = {"bio": "", "image": None}
        return self._entries[username]


def book():
    return current_app.extensions["profile_book"]


def upload_dir():
    return Path(current_app.config["UPLOAD_FOLDER"])


def as_json(username):
    entry = book()[username]
    url = None
    if entry["image"] is not None:
        url = url_for("media.picture", name=entry["image"], _external=True)
    return {"username": username, "bio": entry["bio"], "image_url": url}


class ProfileResource(MethodView):
    def get(self, username):
        return jsonify(as_json(username))

    def patch(self, username):
        if "bio" not in request.form:
            abort(400, description="The form field 'bio' is required (it may be empty).")
        book()[username]["bio"] = request.form["bio"]
        return jsonify(as_json(username))


class PictureUpload(MethodView):
    def post(self, username):
        if "image" not in request.files:
            abort(400, description="Send the picture as the multipart part named 'image'.")
        part = request.files["image"]
        if not part.filename:
            abort(400, description="The 'image' part has no file name: no file was chosen.")
        suffix = Path(secure_filename(part.filename)).suffix.lower()
        if suffix not in IMAGE_SUFFIXES:
            abort(400, description="The 'image' must be a png, jpg, jpeg, gif or webp file.")
        # Nothing of the client's name but the checked suffix reaches the disk.
        stored = f"{uuid.uuid4().hex}{suffix}"
        part.save(upload_dir() / stored)
        book()[username]["image"] = stored
        return jsonify(as_json(username)), 201


profiles = Blueprint("profiles", __name__, url_prefix="/profiles")
profiles.add_url_rule("/<username>", view_func=ProfileResource.as_view("profile"))
profiles.add_url_rule("/<username>/upload-image", view_func=PictureUpload.as_view("upload"))

media = Blueprint("media", __name__, url_prefix="/media")


@media.get("/<path:name>")
def picture(name):
    return send_from_directory(upload_dir(), name)


def create_app(config=None):
    app = Flask(__name__)
    settings = {
        "MAX_CONTENT_LENGTH": 4 * ONE_MIB,
        "UPLOAD_FOLDER": str(Path(app.instance_path) / "uploads"),
    }
    settings.update(config or {})
    app.config.from_mapping(settings)
    Path(app.config["UPLOAD_FOLDER"]).mkdir(parents=True, exist_ok=True)
    app.extensions["profile_book"] = ProfileBook()

    app.register_blueprint(profiles)
    app.register_blueprint(media)

    @app.errorhandler(HTTPException)
    def problem(error):
        return jsonify(status=error.code, title=error.name, detail=error.description), error.code

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
