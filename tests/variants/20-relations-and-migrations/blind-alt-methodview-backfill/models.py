"""Bookshop models, in SQLAlchemy 2.0's typed style."""

from typing import List

from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import Column, ForeignKey, Integer, String, Table
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)

book_tag = Table(
    "book_tag",
    Base.metadata,
    Column("book_id", ForeignKey("book.id"), primary_key=True),
    Column("tag_id", ForeignKey("tag.id"), primary_key=True),
)


class Author(db.Model):
    __tablename__ = "author"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    books: Mapped[List["Book"]] = relationship(
        back_populates="author", cascade="all, delete-orphan", order_by="Book.id")


class Book(db.Model):
    __tablename__ = "book"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    author_id: Mapped[int] = mapped_column(ForeignKey("author.id"))
    # The migration backfills the old rows (see versions/); new rows get 0 from Python.
    stock: Mapped[int] = mapped_column(Integer, default=0)
    author: Mapped[Author] = relationship(back_populates="books")
    # backref creates Tag.books, ordered by id.
    tags: Mapped[List["Tag"]] = relationship(
        secondary=book_tag, order_by="Tag.name",
        backref=db.backref("books", order_by="Book.id"))


class Tag(db.Model):
    __tablename__ = "tag"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30), unique=True)
