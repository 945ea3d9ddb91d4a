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
    # lazy="selectin": whenever authors are loaded, all their books come in one more query.
    books = db.relationship("Book", back_populates="author", cascade="all, delete-orphan",
                            order_by="Book.id", lazy="selectin")


class Book(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(200), nullable=False)
    author_id = db.Column(db.Integer, db.ForeignKey("author.id"), nullable=False)
    stock = db.Column(db.Integer, nullable=False, server_default=db.text("0"))
    author = db.relationship("Author", back_populates="books")
    tags = db.relationship("Tag", secondary=book_tag, back_populates="books",
                           order_by="Tag.name", lazy="selectin")

    def as_json(self):
        return {"id": self.id, "title": self.title, "author_id": self.author_id,
                "stock": self.stock, "tags": [t.name for t in self.tags]}


class Tag(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    # A unique index on name: one row per name, and a fast lookup by name.
    name = db.Column(db.String(30), nullable=False, unique=True, index=True)
    books = db.relationship("Book", secondary=book_tag, back_populates="tags", order_by="Book.id")


def author_json(author):
    return {"id": author.id, "name": author.name, "books": [b.as_json() for b in author.books]}
