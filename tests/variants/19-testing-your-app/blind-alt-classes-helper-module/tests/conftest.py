import pytest

from app import create_app
from libclient import Library


@pytest.fixture
def app(tmp_path):
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/library-test.db"})
    yield app
    # nothing to clean: tmp_path goes with pytest's own clean-up


@pytest.fixture
def lib(app):
    return Library(app)
