"""How books and authors look in JSON."""


def book_json(book):
    return {"id": book.id, "title": book.title, "author_id": book.author_id,
            "stock": book.stock, "tags": [tag.name for tag in book.tags]}


def author_json(author):
    return {"id": author.id, "name": author.name,
            "books": [book_json(book) for book in author.books]}
