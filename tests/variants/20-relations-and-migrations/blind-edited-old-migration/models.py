"""The bookshop's tables: authors, their books, and the tags readers browse by.

Version 1 of the shop (the starter's migration 7bb724899671) had authors and books. Version 2
adds a stock count to every book and tags, many of them per book and many books per tag. The
models say what the tables look like *now*; the migrations in migrations/versions/ say how a
database that already exists gets there, without losing a row.
"""

from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()

# Many-to-many needs a table of its own: one row per (book, tag) pair. It has no model class,
# because nobody asks for "a link": SQLAlchemy inserts and deletes its rows when a book's
# tags change. The two columns together are the primary key, so one pair can be stored once.
book_tag = db.Table(
    "book_tag",
    db.Column("book_id", db.ForeignKey("book.id"), primary_key=True),
    db.Column("tag_id", db.ForeignKey("tag.id"), primary_key=True),
)


class Author(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(100), nullable=False)

    # One author, many books. back_populates names the attribute on the other side, so that
    # appending a book here also sets book.author there, in memory, before anything is saved.
    # "all, delete-orphan": deleting an author deletes their books too, instead of the default,
    # which sets book.author_id to NULL (and NOT NULL refuses that).
    books = db.relationship("Book", back_populates="author", cascade="all, delete-orphan",
                            order_by="Book.id")

    def to_dict(self):
        return {"id": self.id, "name": self.name,
                "books": [book.to_dict() for book in self.books]}


class Book(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(200), nullable=False)
    author_id = db.Column(db.ForeignKey("author.id"), nullable=False)
    # server_default is part of the table (DEFAULT '0' in its SQL), so the migration that adds
    # the column can fill it in for the books that exist already. A Python-side default=0
    # would only reach rows this app inserts from now on.
    stock = db.Column(db.Integer, nullable=False, server_default="0")

    author = db.relationship("Author", back_populates="books")
    tags = db.relationship("Tag", secondary=book_tag, back_populates="books",
                           order_by="Tag.name")

    def to_dict(self):
        return {"id": self.id, "title": self.title, "author_id": self.author_id,
                "stock": self.stock, "tags": [tag.name for tag in self.tags]}


class Tag(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(30), nullable=False, unique=True)

    books = db.relationship("Book", secondary=book_tag, back_populates="tags",
                            order_by="Book.id")
