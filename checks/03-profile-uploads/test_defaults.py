"""Lesson 03: what create_app does when the config leaves the upload limit out.

`flaskcourse serve` and `flask run` build the app with no config at all, so the limit has to be
one of the app's own defaults. This module's app_config gives only the upload folder.
"""

import pytest

from flaskcourse.checking import fail, show_json

MIN_DEFAULT = 1_000_000
MAX_DEFAULT = 100 * 1024 * 1024


@pytest.fixture
def app_config(upload_folder):
    return {"UPLOAD_FOLDER": str(upload_folder)}


def test_app_has_a_default_upload_limit(app):
    """create_app sets a MAX_CONTENT_LENGTH of its own when the config gives none"""
    limit = app.config.get("MAX_CONTENT_LENGTH")
    if isinstance(limit, bool) or not isinstance(limit, int) \
            or not MIN_DEFAULT <= limit <= MAX_DEFAULT:
        fail("app.config[\"MAX_CONTENT_LENGTH\"] set to a number of bytes, at least 1,000,000 "
             "and at most 100 MiB",
             f"MAX_CONTENT_LENGTH = {show_json(limit)}",
             request="create_app({...}) with a config that has no MAX_CONTENT_LENGTH",
             help="Flask accepts request bodies of any size unless MAX_CONTENT_LENGTH is set. "
                  "Give create_app a default before it merges the config, e.g. 2 * 1024 * 1024 "
                  "(2 MiB): `flask run` is then protected too, and a config can still change it. "
                  "The number counts bytes, not megabytes: 2 would refuse every picture.")
