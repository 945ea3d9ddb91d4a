import pytest

from app import create_app


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    # one library for the whole run: faster, and the tests read like a visit to it
    return create_app({
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}",
    })


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()
