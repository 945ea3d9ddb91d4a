"""Lesson 03: user profiles with a bio and an uploaded image.

    GET   /profiles/<username>               the profile as JSON
    PATCH /profiles/<username>               form field `bio`: replace the bio
    POST  /profiles/<username>/upload-image  multipart field `image`: a new profile picture
    GET   /uploads/<filename>                the uploaded picture itself

Uploads are the most dangerous input a small app takes: the client chooses the file's name,
its size and its contents. Each of the three gets its own defence below.
"""

import os
import secrets

from flask import Flask, abort, current_app, jsonify, request, send_from_directory, url_for
from werkzeug.exceptions import HTTPException
from werkzeug.utils import secure_filename

# Images a browser shows in an <img>. Not SVG: an SVG is XML that may carry <script>, and served
# from our own origin that script would run with our cookies. Not HTML, not .exe, obviously.
ALLOWED_EXTENSIONS = {"png", "jpg", "jpeg", "gif", "webp"}

DEFAULTS = {
    # Flask refuses any request body larger than this with 413 as soon as a view reads
    # request.files or request.form (it checks the Content-Length header, and stops reading a
    # body that turns out longer). Without it a client can send gigabytes and we would store
    # them. 2 MiB is plenty for an avatar.
    "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
}


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    # Uploaded files are data, not code: by default they go into the instance folder (next to
    # app.py, meant for files the running app creates), not into static/, which is part of the
    # source tree. A deployment (or the checks) points UPLOAD_FOLDER somewhere else.
    app.config["UPLOAD_FOLDER"] = os.path.join(app.instance_path, "uploads")
    if config:
        app.config.from_mapping(config)
    os.makedirs(app.config["UPLOAD_FOLDER"], exist_ok=True)

    # username -> {"bio": str, "image": stored file name or None}. Kept on the app, not in a
    # module global, so every app the factory builds starts empty. In memory only: a restart
    # forgets bios (lesson 02 shows how to keep them in a database).
    app.extensions["profiles"] = {}

    @app.errorhandler(HTTPException)
    def json_error(error):
        # Every error of this API is JSON, including Flask's own 404, 405 and 413.
        return jsonify(error=error.name, message=error.description), error.code

    @app.get("/profiles/<username>")
    def show_profile(username):
        return profile_json(username)

    @app.patch("/profiles/<username>")
    def update_profile(username):
        # request.form holds fields sent as application/x-www-form-urlencoded or as
        # multipart/form-data (curl -d and curl -F both work). .get gives None when absent,
        # where request.form["bio"] would make Flask answer its own 400.
        bio = request.form.get("bio")
        if bio is None:
            abort(400, description="Send the new bio in the form field 'bio'.")
        get_profile(username)["bio"] = bio
        return profile_json(username)

    @app.post("/profiles/<username>/upload-image")
    def upload_image(username):
        # 1. Is there a file at all? request.files is a dict of FileStorage objects keyed by the
        #    form field's name. .get, not ["image"]: a missing key must be our 400, not a crash.
        upload = request.files.get("image")
        if upload is None:
            abort(400, description="No file part: send the picture in the multipart field 'image'.")
        # A browser form submitted with no file chosen still sends the part, with an empty name.
        if upload.filename == "":
            abort(400, description="No file selected: the 'image' part has an empty filename.")

        # 2. Never trust the client's file name. secure_filename keeps only letters, digits,
        #    '_', '-' and '.', and joins path parts with '_': '../../etc/passwd.png' becomes
        #    'etc_passwd.png' and '/home/me/x.png' becomes 'home_me_x.png'. Nothing can point
        #    outside the folder any more. It may leave nothing at all (for '../..').
        name = secure_filename(upload.filename)

        # 3. Judge the extension of the cleaned name: only the LAST one, in lower case, so
        #    'ME.PNG' is fine and 'cat.png.html' is not.
        extension = name.rsplit(".", 1)[1].lower() if "." in name else ""
        if extension not in ALLOWED_EXTENSIONS:
            allowed = ", ".join(sorted(ALLOWED_EXTENSIONS))
            abort(400, description=f"Only image files can be uploaded ({allowed}).")
        # secure_filename cuts nothing, and most file systems refuse a name longer than 255
        # bytes (saving it would raise: a 500). Keep at most its last 100 characters, which
        # still end in the checked extension.
        name = name[-100:]

        # 4. Two people both upload 'me.png': a random prefix keeps each one's file apart (and
        #    makes the URL unguessable). The readable part helps whoever looks at the folder.
        stored = f"{secrets.token_hex(8)}_{name}"
        # The folder comes from config, read at request time: whatever this app was built with.
        upload.save(os.path.join(current_app.config["UPLOAD_FOLDER"], stored))

        get_profile(username)["image"] = stored
        return profile_json(username), 201

    @app.get("/uploads/<path:filename>")
    def uploaded_file(filename):
        # send_from_directory refuses any path that would leave the folder (it answers 404),
        # guesses the content type from the extension, and handles caching headers for us.
        return send_from_directory(current_app.config["UPLOAD_FOLDER"], filename)

    return app


def get_profile(username):
    """The profile for this username, created empty on first use."""
    profiles = current_app.extensions["profiles"]
    return profiles.setdefault(username, {"bio": "", "image": None})


def profile_json(username):
    profile = get_profile(username)
    image = profile["image"]
    return {
        "username": username,
        "bio": profile["bio"],
        # Clients get a URL, never a path on our disk; url_for builds it from the route above.
        "image_url": url_for("uploaded_file", filename=image) if image else None,
    }


if __name__ == "__main__":
    create_app().run(debug=True)
