"""The bookshop's tables, as version 1 of the shop has them: authors and books.

The migration in migrations/versions/7bb724899671_authors_and_books.py made these two tables
(it was generated from this file by `flask db migrate`). Databases out there are at that
revision, full of rows: never edit that file. Change the models here, then let
`flask --app app db migrate` draft a *new* migration, and read it before you run it.
"""

from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()

# TODO: the association table book_tag, for many-to-many between books and tags: a db.Table
#       with two columns, book_id (a foreign key to book.id) and tag_id (to tag.id), both
#       primary_key=True, so that one book is linked to one tag at most once.


class Author(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(100), nullable=False)

    # TODO: books, a db.relationship to Book with back_populates="author", ordered by Book.id,
    #       and a cascade that deletes an author's books along with the author.

    def to_dict(self, books):
        # TODO: once Author.books exists, take the books from it and drop the parameter.
        return {"id": self.id, "name": self.name, "books": [book.to_dict() for book in books]}


class Book(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(200), nullable=False)
    author_id = db.Column(db.ForeignKey("author.id"), nullable=False)

    # TODO: stock, an integer column, NOT NULL, 0 for every book that exists already (that
    #       takes a server_default: the migration needs it for the old rows).
    # TODO: author, the other side of Author.books (back_populates="books"), and tags, a
    #       relationship to Tag through book_tag (secondary=...), ordered by Tag.name.

    def to_dict(self):
        # TODO: add "stock" and "tags" (the tag names, alphabetical).
        return {"id": self.id, "title": self.title, "author_id": self.author_id}


# TODO: the Tag model: id, and name (a string of up to 30 characters, NOT NULL, unique), and
#       books, the other side of Book.tags.
