"""Lesson 03 with a blueprint, @route(methods=...) and errors returned as tuples."""

import os
import secrets

from flask import Blueprint, Flask, current_app, jsonify, request, send_from_directory, url_for
from werkzeug.exceptions import HTTPException
from werkzeug.utils import secure_filename

ALLOWED_EXTENSIONS = {"png", "jpg", "jpeg", "gif", "webp"}
DEFAULTS = {"MAX_CONTENT_LENGTH": 5_000_000}

bp = Blueprint("profiles", __name__)


def bad_request(message):
    return jsonify(error="Bad Request", message=message), 400


def profile_for(username):
    store = current_app.extensions["profiles"]
    return store.setdefault(username, {"bio": "", "image": None})


def render(username):
    data = profile_for(username)
    return {
        "username": username,
        "bio": data["bio"],
        "image_url": (url_for("profiles.picture", filename=data["image"], _external=True)
                      if data["image"] else None),
    }


@bp.route("/profiles/<username>", methods=["GET", "PATCH"])
def profile(username):
    if request.method == "PATCH":
        bio = request.form.get("bio")
        if bio is None:
            return bad_request("Send the bio in the form field 'bio'.")
        profile_for(username)["bio"] = bio
    return jsonify(render(username))


@bp.route("/profiles/<username>/upload-image", methods=["POST"])
def upload_image(username):
    file = request.files.get("image")
    if file is None:
        return bad_request("Send the picture in the multipart field 'image'.")
    if file.filename == "":
        return bad_request("No file selected.")
    safe = secure_filename(file.filename)
    base, dot, ext = safe.rpartition(".")
    if not dot or ext.lower() not in ALLOWED_EXTENSIONS:
        return bad_request("Only gif, jpeg, jpg, png and webp files are accepted.")
    stored = secrets.token_urlsafe(12) + "-" + safe[-100:]   # file systems cap names at 255
    file.save(os.path.join(current_app.config["UPLOAD_FOLDER"], stored))
    profile_for(username)["image"] = stored
    return jsonify(render(username)), 201


@bp.route("/media/<path:filename>", methods=["GET"])
def picture(filename):
    return send_from_directory(current_app.config["UPLOAD_FOLDER"], filename)


def create_app(config=None):
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(DEFAULTS, UPLOAD_FOLDER=os.path.join(app.instance_path, "uploads"))
    if config is not None:
        app.config.from_mapping(config)
    os.makedirs(app.config["UPLOAD_FOLDER"], exist_ok=True)
    app.extensions["profiles"] = {}
    app.register_blueprint(bp)

    @app.errorhandler(HTTPException)
    def http_error(e):
        return jsonify(error=e.name, message=e.description), e.code

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
