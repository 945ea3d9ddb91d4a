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
    # backref creates Book.author; selectin loading is the default for this list everywhere.
    books = db.relationship("Book", backref="author", cascade="all, delete-orphan",
                            order_by="Book.id", lazy="selectin")


class Book(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(200), nullable=False)
    author_id = db.Column(db.ForeignKey("author.id"), nullable=False)
    stock = db.Column(db.Integer, nullable=False, default=0)
    tags = db.relationship("Tag", secondary=book_tag, order_by="Tag.name", lazy="selectin",
                           backref=db.backref("books", order_by="Book.id"))


class Tag(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(30), nullable=False, unique=True)
