"""Books in memory, and a pager flask-smorest can use on them."""

import threading

from flask_smorest import Page


class Catalogue:
    def __init__(self):
        self._rows = []
        self._last_id = 0
        self._lock = threading.Lock()

    def insert(self, data):
        with self._lock:
            self._last_id += 1
            row = dict(data, id=self._last_id)
            self._rows.append(row)
            return row

    def lookup(self, book_id):
        return next((row for row in self._rows if row["id"] == book_id), None)

    def overwrite(self, book_id, data):
        row = self.lookup(book_id)
        if row is not None:
            row.clear()
            row.update(data, id=book_id)
        return row

    def remove(self, book_id):
        row = self.lookup(book_id)
        if row is not None:
            self._rows.remove(row)
        return row is not None

    def query(self, shelf=None):
        return CatalogueQuery([row for row in self._rows if shelf in (None, row["shelf"])])


class CatalogueQuery:
    """A result that counts itself and slices lazily, the way a database cursor would."""

    def __init__(self, rows):
        self._rows = rows

    def count(self):
        return len(self._rows)

    def __getitem__(self, part):
        return self._rows[part]


class CataloguePage(Page):
    @property
    def item_count(self):
        return self.collection.count()
