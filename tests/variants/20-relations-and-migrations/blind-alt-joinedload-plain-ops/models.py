from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()

book_tag = db.Table(
    "book_tag",
    db.Column("book_id", db.Integer, db.ForeignKey("book.id"), primary_key=True),
    db.Column("tag_id", db.Integer, db.ForeignKey("tag.id"), primary_key=True),
)


class Author(db.Model):
    __tablename__ = "author"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(100), nullable=False)
    books = db.relationship("Book", back_populates="author", order_by="Book.id",
                            cascade="save-update, merge, delete, delete-orphan")


class Book(db.Model):
    __tablename__ = "book"
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(200), nullable=False)
    author_id = db.Column(db.Integer, db.ForeignKey("author.id"), nullable=False)
    stock = db.Column(db.Integer, nullable=False, server_default=db.text("0"))
    author = db.relationship("Author", back_populates="books")
    tags = db.relationship("Tag", secondary=book_tag, back_populates="books", order_by="Tag.name")


class Tag(db.Model):
    __tablename__ = "tag"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(30), unique=True, nullable=False)
    books = db.relationship("Book", secondary=book_tag, back_populates="tags", order_by="Book.id")
