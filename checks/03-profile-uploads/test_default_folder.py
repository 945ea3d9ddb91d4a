"""Lesson 03: where uploads go when the config names no UPLOAD_FOLDER.

`flaskcourse serve` and `flask run` build the app with no config at all, so the upload folder
has to be one of the app's own defaults: instance/uploads, created if it is not there yet. This
module hands create_app a config without UPLOAD_FOLDER, and removes what the check wrote there.
The check runs from another working directory: the instance folder is beside app.py, wherever
the app is started from, so a relative "instance/uploads" would save somewhere else.
"""

import io
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from flaskcourse.checking import expect, learner
from flaskcourse.checking.plugin import base_config

PICTURE = b"\x89PNG\r\n\x1a\n default-folder check " + bytes(range(64))


@pytest.fixture
def config(app_config, tmp_path):
    merged = base_config(tmp_path) | app_config
    merged.pop("UPLOAD_FOLDER", None)
    return merged


def test_uploads_default_to_instance_uploads(make_app, config, tmp_path, monkeypatch):
    """with no UPLOAD_FOLDER in the config, uploads are saved in instance/uploads"""
    instance = learner.code_dir() / "instance"
    created = [p for p in (instance, instance / "uploads") if not p.exists()]
    elsewhere = tmp_path / "started-here"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    try:
        app = make_app()
        folder = Path(app.instance_path) / "uploads"
        response = app.test_client().post(
            "/profiles/ada/upload-image", data={"image": (io.BytesIO(PICTURE), "me.png")},
            content_type="multipart/form-data")
        e = expect(response)
        e.status(201, help="create_app(...) got a config without UPLOAD_FOLDER, as `flask run` "
                           "does. Keep the starter's default, app.config[\"UPLOAD_FOLDER\"] = "
                           "os.path.join(app.instance_path, \"uploads\"), set before the config "
                           "is merged, and the os.makedirs(..., exist_ok=True) that creates it.")
        saved = [p for p in folder.glob("*") if p.is_file() and p.read_bytes() == PICTURE] \
            if folder.is_dir() else []
        e.that(bool(saved), "the uploaded file in instance/uploads (beside app.py)",
               got=f"nothing with the uploaded bytes in {folder} (the app was started from "
                   "another folder)",
               help="Keep the starter's default: os.path.join(app.instance_path, \"uploads\"). "
                    "A relative \"instance/uploads\" is read from the folder the app is "
                    "started in, not from the one app.py is in.")
        url = e.json_object().get("image_url")
        parts = urlsplit(url if isinstance(url, str) else "")
        served = app.test_client().get(parts.path + (f"?{parts.query}" if parts.query else ""))
        expect(served, after=[response]).status(200).that(
            served.get_data() == PICTURE, "the uploaded bytes at the image_url",
            help="Serve the files from the folder they were saved in: "
                 "current_app.config[\"UPLOAD_FOLDER\"], an absolute path.")
    finally:
        for path in (instance / "uploads").glob("*"):
            if path.is_file() and path.read_bytes() == PICTURE:
                path.unlink()
        for path in reversed(created):
            shutil.rmtree(path, ignore_errors=True)
