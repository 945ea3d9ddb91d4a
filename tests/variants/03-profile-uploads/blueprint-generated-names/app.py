"""Profiles in a blueprint; the client's file name is thrown away except for its extension."""

import uuid
from dataclasses import dataclass
from pathlib import Path

from flask import Blueprint, Flask, current_app, request, send_from_directory, url_for

IMAGE_TYPES = (".png", ".jpg", ".jpeg", ".gif", ".webp")

bp = Blueprint("profiles", __name__)


@dataclass
class Profile:
    username: str
    bio: str = ""
    image: str | None = None

    def as_json(self):
        url = url_for("profiles.media", name=self.image, _external=True) if self.image else None
        return {"username": self.username, "bio": self.bio, "image_url": url}


def profile(username):
    store = current_app.extensions["profile_store"]
    if username not in store:
        store[username] = Profile(username)
    return store[username]


def error(status, message):
    return {"error": message}, status


@bp.route("/profiles/<username>", methods=["GET"])
def get_profile(username):
    return profile(username).as_json()


@bp.route("/profiles/<username>", methods=["PATCH"])
def patch_profile(username):
    if "bio" not in request.form:
        return error(400, "form field 'bio' is required")
    profile(username).bio = request.form["bio"]
    return profile(username).as_json()


@bp.route("/profiles/<username>/upload-image", methods=["POST"])
def upload(username):
    if "image" not in request.files:
        return error(400, "multipart field 'image' is required")
    file = request.files["image"]
    if not file.filename:
        return error(400, "the 'image' part has no filename")
    suffix = Path(file.filename).suffix.lower()
    if suffix not in IMAGE_TYPES:
        return error(400, f"{suffix or 'no extension'} is not an accepted image type")
    name = uuid.uuid4().hex + suffix
    file.save(Path(current_app.config["UPLOAD_FOLDER"]) / name)
    p = profile(username)
    p.image = name
    return p.as_json(), 201


@bp.route("/media/<name>")
def media(name):
    return send_from_directory(current_app.config["UPLOAD_FOLDER"], name)


def create_app(config=None):
    app = Flask(__name__)
    app.config.update(
        MAX_CONTENT_LENGTH=4_000_000,
        UPLOAD_FOLDER=str(Path(app.instance_path) / "uploads"),
    )
    app.config.update(config or {})
    Path(app.config["UPLOAD_FOLDER"]).mkdir(parents=True, exist_ok=True)
    app.extensions["profile_store"] = {}
    app.register_blueprint(bp)

    @app.errorhandler(404)
    @app.errorhandler(405)
    @app.errorhandler(413)
    def http_error(e):
        return error(e.code, e.description)

    return app


if __name__ == "__main__":
    create_app().run()
