"""The books, kept in memory (one BookStore per app). Ids count up from 1, never reused."""

import itertools
import threading


class BookStore:
    def __init__(self) -> None:
        self._books: dict[int, dict] = {}
        self._ids = itertools.count(1)
        self._lock = threading.Lock()

    def add(self, fields: dict) -> dict:
        with self._lock:
            book = {"id": next(self._ids), **fields}
            self._books[book["id"]] = book
            return dict(book)

    def get(self, book_id: int) -> dict | None:
        book = self._books.get(book_id)
        return None if book is None else dict(book)

    def replace(self, book_id: int, fields: dict) -> dict | None:
        with self._lock:
            if book_id not in self._books:
                return None
            self._books[book_id] = {"id": book_id, **fields}
            return dict(self._books[book_id])

    def delete(self, book_id: int) -> bool:
        with self._lock:
            return self._books.pop(book_id, None) is not None

    def count(self, shelf: str | None = None) -> int:
        with self._lock:
            return sum(1 for b in self._books.values() if shelf is None or b["shelf"] == shelf)

    def window(self, start: int, stop: int, shelf: str | None = None) -> list[dict]:
        """Books start..stop-1 (oldest first) of those on `shelf`, as a database would page them."""
        with self._lock:
            matching = (b for b in self._books.values() if shelf is None or b["shelf"] == shelf)
            return [dict(b) for b in itertools.islice(matching, start, stop)]
