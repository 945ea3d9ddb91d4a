"""The bookshop's tables; each relationship loads with "selectin" wherever it is loaded."""

from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()

book_tag = db.Table(
    "book_tag",
    db.Column("book_id", db.Integer, db.ForeignKey("book.id"), primary_key=True),
    db.Column("tag_id", db.Integer, db.ForeignKey("tag.id"), primary_key=True),
)


class Author(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(100), nullable=False)
    books = db.relationship("Book", backref="author", cascade="all, delete-orphan",
                            order_by="Book.id", lazy="selectin")

    def as_json(self):
        return {"id": self.id, "name": self.name, "books": [b.as_json() for b in self.books]}


class Book(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(200), nullable=False)
    author_id = db.Column(db.Integer, db.ForeignKey("author.id"), nullable=False)
    stock = db.Column(db.Integer, nullable=False, server_default=db.text("0"), default=0)
    tags = db.relationship("Tag", secondary=book_tag, order_by="Tag.name", lazy="selectin",
                           backref=db.backref("books", order_by="Book.id"))

    def as_json(self):
        return {"id": self.id, "title": self.title, "author_id": self.author_id,
                "stock": self.stock, "tags": [t.name for t in self.tags]}


class Tag(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(30), unique=True, nullable=False)
