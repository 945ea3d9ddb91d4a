"""Lesson 03: a small upload limit, and an upload folder deep inside the check's temporary folder.

The folder sits four levels down (tmp/site/var/data/uploads) so that a file name like
'../../etc/passwd.png' that escapes it still lands inside tmp, where the checks can see it. The
'etc' folder it would need is created too: an unsafe app then really writes outside, instead of
merely crashing on a missing folder.
"""

import pytest

LIMIT = 64 * 1024


@pytest.fixture
def upload_folder(tmp_path):
    folder = tmp_path / "site" / "var" / "data" / "uploads"
    folder.mkdir(parents=True)
    (tmp_path / "site" / "var" / "etc").mkdir()
    return folder


@pytest.fixture
def app_config(upload_folder):
    return {"UPLOAD_FOLDER": str(upload_folder), "MAX_CONTENT_LENGTH": LIMIT}
