"""The bookshop's tables. Every relationship is lazy="raise": a view that forgets to load one
with its query fails at once, instead of running one query per row without a word."""

from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()

book_tag = db.Table(
    "book_tag",
    db.Column("book_id", db.ForeignKey("book.id"), primary_key=True),
    db.Column("tag_id", db.ForeignKey("tag.id"), primary_key=True),
)


class Author(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(100), nullable=False)
    books = db.relationship("Book", back_populates="author", lazy="raise",
                            cascade="all, delete-orphan", order_by="Book.id")


class Book(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(200), nullable=False)
    author_id = db.Column(db.ForeignKey("author.id"), nullable=False)
    stock = db.Column(db.Integer, nullable=False, server_default=db.text("0"))
    author = db.relationship("Author", back_populates="books", lazy="raise")
    tags = db.relationship("Tag", secondary=book_tag, back_populates="books", lazy="raise",
                           order_by="Tag.name")


class Tag(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(30), nullable=False, unique=True)
    books = db.relationship("Book", secondary=book_tag, back_populates="tags", lazy="raise")
