"""What the contract promises, written as a tiny in-memory model: each method returns the
(status, body) the app must answer; for errors the body is only the key set {"error"}."""

ERROR = "error"


def _text(value):
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def expected_page_args(page, per_page):
    def whole(raw, default):
        try:
            return int(raw)
        except (TypeError, ValueError):
            return default
    p = whole(page, 1)
    n = whole(per_page, 10)
    return max(p, 1), max(1, min(n, 20))


class ShelfModel:
    def __init__(self):
        self.books, self.loans = [], []

    def book(self, book_id):
        title, author = self.books[book_id - 1]
        out = any(l["book_id"] == book_id and not l["returned"] for l in self.loans)
        return {"id": book_id, "title": title, "author": author, "available": not out}

    def add(self, body):
        if not isinstance(body, dict):
            return 400, ERROR
        title, author = _text(body.get("title")), _text(body.get("author"))
        if title is None or author is None:
            return 400, ERROR
        self.books.append((title, author))
        return 201, self.book(len(self.books))

    def get(self, book_id):
        if not 1 <= book_id <= len(self.books):
            return 404, ERROR
        return 200, self.book(book_id)

    def lend(self, book_id, body):
        if not 1 <= book_id <= len(self.books):
            return 404, ERROR
        borrower = _text(body.get("borrower")) if isinstance(body, dict) else None
        if borrower is None:
            return 400, ERROR
        if not self.book(book_id)["available"]:
            return 409, ERROR
        loan = {"id": len(self.loans) + 1, "book_id": book_id, "borrower": borrower,
                "returned": False}
        self.loans.append(loan)
        return 201, dict(loan)

    def give_back(self, loan_id):
        if not 1 <= loan_id <= len(self.loans):
            return 404, ERROR
        loan = self.loans[loan_id - 1]
        if loan["returned"]:
            return 409, ERROR
        loan["returned"] = True
        return 200, dict(loan)

    def listing(self, page, per_page):
        p, n = expected_page_args(page, per_page)
        ids = list(range(1, len(self.books) + 1))
        chunk = ids[(p - 1) * n:p * n]
        more = p * n < len(ids)
        return 200, {"books": [self.book(i) for i in chunk], "page": p, "per_page": n,
                     "total": len(ids),
                     "next": f"/books?page={p + 1}&per_page={n}" if more else None}
