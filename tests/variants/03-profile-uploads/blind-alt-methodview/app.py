"""Lesson 03, class-based: MethodView views, generated file names, files served under /static/uploads/."""

import os
import uuid
from pathlib import Path

from flask import Flask, current_app, jsonify, request, send_from_directory, url_for
from flask.views import MethodView
from werkzeug.exceptions import BadRequest, HTTPException
from werkzeug.utils import secure_filename

ALLOWED_EXTENSIONS = frozenset(["png", "jpg", "jpeg", "gif", "webp"])

DEFAULTS = {"MAX_CONTENT_LENGTH": 1024 * 1024}  # 1 MiB


def _profiles():
    return current_app.extensions["profiles"]


def _profile(username):
    if username not in _profiles():
        _profiles()[username] = {"bio": "", "image": None}
    return _profiles()[username]


def _as_json(username):
    p = _profile(username)
    url = url_for("serve_upload", filename=p["image"]) if p["image"] is not None else None
    return {"username": username, "bio": p["bio"], "image_url": url}


def _extension(filename):
    cleaned = secure_filename(filename)
    if "." not in cleaned:
        return None
    ext = cleaned.rsplit(".", 1)[-1].lower()
    return ext if ext in ALLOWED_EXTENSIONS else None


class ProfileView(MethodView):
    def get(self, username):
        return _as_json(username)

    def patch(self, username):
        if "bio" not in request.form:
            raise BadRequest("The form field 'bio' is required.")
        _profile(username)["bio"] = request.form["bio"]
        return _as_json(username)


class ImageView(MethodView):
    def post(self, username):
        if "image" not in request.files:
            raise BadRequest("Missing the multipart field 'image'.")
        upload = request.files["image"]
        if not upload.filename:
            raise BadRequest("The 'image' part has no file name.")
        ext = _extension(upload.filename)
        if ext is None:
            raise BadRequest("Allowed picture types: " + ", ".join(sorted(ALLOWED_EXTENSIONS)))
        stored = f"{uuid.uuid4().hex}.{ext}"
        upload.save(Path(current_app.config["UPLOAD_FOLDER"]) / stored)
        _profile(username)["image"] = stored
        return _as_json(username), 201


def create_app(config=None):
    app = Flask(__name__)
    app.config.update(DEFAULTS)
    app.config["UPLOAD_FOLDER"] = str(Path(app.instance_path) / "uploads")
    app.config.update(config or {})
    Path(app.config["UPLOAD_FOLDER"]).mkdir(parents=True, exist_ok=True)
    app.extensions["profiles"] = {}

    def as_json_error(exc):
        response = jsonify({"error": exc.name, "message": exc.description})
        response.status_code = exc.code
        return response

    app.register_error_handler(HTTPException, as_json_error)
    app.add_url_rule("/profiles/<username>", view_func=ProfileView.as_view("profile"))
    app.add_url_rule("/profiles/<username>/upload-image", view_func=ImageView.as_view("profile_image"))

    def serve_upload(filename):
        return send_from_directory(current_app.config["UPLOAD_FOLDER"], filename)

    app.add_url_rule("/static/uploads/<path:filename>", "serve_upload", serve_upload)
    return app


if __name__ == "__main__":
    create_app().run(debug=True)
