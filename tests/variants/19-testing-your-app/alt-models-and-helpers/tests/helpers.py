"""Small readers the test files share (imported as `helpers`: tests/ is on the import path)."""


def titles(client, query=""):
    return [book["title"] for book in client.get(f"/books{query}").get_json()["books"]]


def stored_titles(app):
    from app import Book, db

    with app.app_context():
        return [book.title for book in db.session.scalars(db.select(Book).order_by(Book.id))]


def borrow(client, book_id=1, who="Ada"):
    return client.post(f"/books/{book_id}/loans", json={"borrower": who})
