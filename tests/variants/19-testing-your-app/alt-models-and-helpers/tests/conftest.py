import pytest

from app import Book, create_app, db


@pytest.fixture
def app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("library")
    return create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/l.db"})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def books(app):
    """Store books straight through the model (no request), each context closed at once:
    pushing an app context around the requests themselves would share their session."""
    def store(*titles):
        with app.app_context():
            db.session.add_all(Book(title=t, author="Someone") for t in titles)
            db.session.commit()
    return store
