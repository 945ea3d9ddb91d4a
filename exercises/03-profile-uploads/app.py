"""Lesson 03: user profiles with a bio and an uploaded image.

    GET   /profiles/<username>               the profile as JSON
    PATCH /profiles/<username>               form field `bio`: replace the bio
    POST  /profiles/<username>/upload-image  multipart field `image`: a new profile picture
    GET   ...a route of your choice...       the uploaded picture itself

Run it with `python app.py` or `flask --app app run`, then try the curl commands in the lesson
text (`flaskcourse read`). The TODOs below are in the order the lesson builds them.
"""

import os

from flask import Flask, abort, jsonify
from werkzeug.exceptions import HTTPException

# Images a browser can show. Not SVG: it can carry <script> (the lesson text explains).
ALLOWED_EXTENSIONS = {"png", "jpg", "jpeg", "gif", "webp"}

DEFAULTS = {
    # TODO: a MAX_CONTENT_LENGTH, in bytes (2 MiB is plenty for an avatar). Without it Flask
    #       accepts a request body of any size. Keep it here, among the defaults, so a config
    #       handed to create_app can still change it.
}


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    # Uploads go into the instance folder by default (data the running app creates, not part of
    # the source code). The checks, and a real deployment, point UPLOAD_FOLDER elsewhere: always
    # read app.config["UPLOAD_FOLDER"] (current_app.config inside a view), never this path.
    app.config["UPLOAD_FOLDER"] = os.path.join(app.instance_path, "uploads")
    if config:
        app.config.from_mapping(config)
    os.makedirs(app.config["UPLOAD_FOLDER"], exist_ok=True)

    # TODO: somewhere to keep the profiles, e.g. app.extensions["profiles"] = {} mapping a
    #       username to {"bio": "", "image": None}. A username nobody has used yet still has a
    #       profile: an empty bio and no image.

    @app.errorhandler(HTTPException)
    def json_error(error):
        # Done for you (lesson 01): every error, abort(400, ...) and Flask's own 404, 405 and
        # 413 included, comes out as JSON.
        return jsonify(error=error.name, message=error.description), error.code

    @app.get("/profiles/<username>")
    def show_profile(username):
        # TODO: {"username": ..., "bio": ..., "image_url": ...}; image_url is None (null) until
        #       an image has been uploaded, and afterwards a URL that serves it.
        abort(501, description="GET /profiles/<username> is not written yet.")

    @app.patch("/profiles/<username>")
    def update_profile(username):
        # TODO: the new bio is in request.form (use .get: a missing field should be your 400,
        #       not a crash). Store it and answer with the updated profile.
        abort(501, description="PATCH /profiles/<username> is not written yet.")

    @app.post("/profiles/<username>/upload-image")
    def upload_image(username):
        # TODO, in this order:
        #   1. the file: request.files.get("image"); None -> 400 that names the field "image".
        #   2. an empty filename (a form sent with no file chosen) -> 400.
        #   3. clean the name with werkzeug.utils.secure_filename (never trust the client's).
        #   4. only the LAST extension, lower-cased, and only ALLOWED_EXTENSIONS -> else 400.
        #   5. a name no other upload can have, then file.save(os.path.join(UPLOAD_FOLDER, name)).
        #   6. remember it in the profile and answer 201 with the profile, image_url included.
        abort(501, description="POST /profiles/<username>/upload-image is not written yet.")

    # TODO: a route that serves the uploaded files from UPLOAD_FOLDER
    #       (flask.send_from_directory), so the image_url you hand out works.

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
