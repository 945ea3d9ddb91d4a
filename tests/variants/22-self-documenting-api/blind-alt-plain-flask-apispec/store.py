"""The books, kept in memory: one BookStore per app (create_app keeps it in app.extensions).

This file is finished. It knows nothing of HTTP or JSON: the views validate a request with a
schema first and hand the store clean dicts. Lesson 20 keeps the same kind of data in a database.
"""

import threading


class BookStore:
    """Books by id. Ids count up from 1 and are never reused, even after a delete."""

    def __init__(self) -> None:
        self._books: dict[int, dict] = {}
        self._next_id = 1
        # The development server answers requests in threads: one change at a time.
        self._lock = threading.Lock()

    def add(self, fields: dict) -> dict:
        """Store a new book made of `fields` and return it with its id."""
        with self._lock:
            book = {"id": self._next_id, **fields}
            self._books[book["id"]] = book
            self._next_id += 1
            return dict(book)

    def get(self, book_id: int) -> dict | None:
        """The book with this id, or None."""
        book = self._books.get(book_id)
        return dict(book) if book is not None else None

    def replace(self, book_id: int, fields: dict) -> dict | None:
        """Put `fields` in place of the book's own (its id stays); None if there is no such book."""
        with self._lock:
            if book_id not in self._books:
                return None
            book = {"id": book_id, **fields}
            self._books[book_id] = book
            return dict(book)

    def delete(self, book_id: int) -> bool:
        """Remove the book; False if there was none."""
        with self._lock:
            return self._books.pop(book_id, None) is not None

    def all(self, shelf: str | None = None) -> list[dict]:
        """Every book, oldest first (by id); only those on `shelf` when one is given."""
        with self._lock:
            return [dict(book) for book in self._books.values()
                    if shelf is None or book["shelf"] == shelf]
