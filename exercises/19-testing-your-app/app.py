"""Lesson 19: a small lending library, finished. Your work is the tests, in tests/.

GET  /books                     the books, oldest first, a page at a time (?page=, ?per_page=)
POST /books                     add a book: {"title": ..., "author": ...}
GET  /books/<id>                one book, with "available"
POST /books/<id>/loans          lend it: {"borrower": ...}
POST /loans/<id>/return         bring it back
flask --app app seed [--count N]    add N sample books (3 unless told)

The checks do not run this file: they run your tests against their own copy of it, and
against copies with one bug planted in each. Read it, try it, and test what it promises.
"""

import click
from flask import Flask, abort, jsonify, request, url_for
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import ForeignKey, func, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from werkzeug.exceptions import HTTPException

DEFAULT_PER_PAGE = 10
MAX_PER_PAGE = 20


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)


class Book(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    author: Mapped[str]

    def to_dict(self):
        return {"id": self.id, "title": self.title, "author": self.author,
                "available": current_loan(self) is None}


class Loan(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    book_id: Mapped[int] = mapped_column(ForeignKey("book.id"))
    borrower: Mapped[str]
    returned: Mapped[bool] = mapped_column(default=False)

    def to_dict(self):
        return {"id": self.id, "book_id": self.book_id, "borrower": self.borrower,
                "returned": self.returned}


def current_loan(book):
    """The loan that has the book out right now, or None when it is on the shelf."""
    return db.session.scalar(
        select(Loan).where(Loan.book_id == book.id, Loan.returned.is_(False)))


def page_args():
    """The page and page size a list request asks for, kept within bounds.

    It reads request.args, so it needs a request context: a view has one; a test makes one
    with app.test_request_context("/books?page=2").
    """
    page = request.args.get("page", 1, type=int)
    per_page = request.args.get("per_page", DEFAULT_PER_PAGE, type=int)
    return max(page, 1), min(max(per_page, 1), MAX_PER_PAGE)


def text_field(data, name):
    """data[name] as a stripped string; a missing, non-string or blank value is a 400."""
    value = data.get(name)
    if not isinstance(value, str) or not value.strip():
        abort(400, description=f"{name} is required: a non-blank string")
    return value.strip()


def json_object():
    """The request's JSON body, which must be an object."""
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        abort(400, description="the body must be a JSON object")
    return data


def create_app(config=None):
    app = Flask(__name__)
    # A relative SQLite path lives in the instance folder: instance/library.db beside app.py.
    app.config.from_mapping(SQLALCHEMY_DATABASE_URI="sqlite:///library.db")
    if config:
        app.config.from_mapping(config)
    db.init_app(app)
    with app.app_context():
        db.create_all()
    register_routes(app)
    register_commands(app)
    return app


def register_routes(app):
    @app.errorhandler(HTTPException)
    def error_as_json(error):
        return jsonify(error=error.description), error.code

    @app.get("/books")
    def list_books():
        page, per_page = page_args()
        total = db.session.scalar(select(func.count()).select_from(Book))
        books = db.session.scalars(
            select(Book).order_by(Book.id).limit(per_page).offset((page - 1) * per_page))
        more = page * per_page < total
        return {
            "books": [book.to_dict() for book in books],
            "page": page,
            "per_page": per_page,
            "total": total,
            "next": url_for("list_books", page=page + 1, per_page=per_page) if more else None,
        }

    @app.post("/books")
    def add_book():
        data = json_object()
        book = Book(title=text_field(data, "title"), author=text_field(data, "author"))
        db.session.add(book)
        db.session.commit()
        return book.to_dict(), 201, {"Location": url_for("get_book", book_id=book.id)}

    @app.get("/books/<int:book_id>")
    def get_book(book_id):
        return db.get_or_404(Book, book_id, description=f"there is no book {book_id}").to_dict()

    @app.post("/books/<int:book_id>/loans")
    def lend_book(book_id):
        book = db.get_or_404(Book, book_id, description=f"there is no book {book_id}")
        borrower = text_field(json_object(), "borrower")
        if current_loan(book) is not None:
            abort(409, description=f"book {book_id} is already lent")
        loan = Loan(book_id=book.id, borrower=borrower)
        db.session.add(loan)
        db.session.commit()
        return loan.to_dict(), 201

    @app.post("/loans/<int:loan_id>/return")
    def return_book(loan_id):
        loan = db.get_or_404(Loan, loan_id, description=f"there is no loan {loan_id}")
        if loan.returned:
            abort(409, description=f"loan {loan_id} was already returned")
        loan.returned = True
        db.session.commit()
        return loan.to_dict()


def register_commands(app):
    @app.cli.command("seed")
    @click.option("--count", default=3, type=click.IntRange(min=1), help="How many books.")
    def seed(count):
        """Add COUNT sample books, to try the API with."""
        for number in range(1, count + 1):
            db.session.add(Book(title=f"Sample book {number}", author="Sample Author"))
        db.session.commit()
        click.echo(f"Added {count} sample books.")


if __name__ == "__main__":
    create_app().run(debug=True)
