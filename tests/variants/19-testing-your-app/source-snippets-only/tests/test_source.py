import inspect

import pytest

import app

SOURCE = inspect.getsource(app)


@pytest.mark.parametrize("line", [
    "return book.to_dict(), 201, {\"Location\": url_for(\"get_book\", book_id=book.id)}",
    "if current_loan(book) is not None:",
    "if loan.returned:",
    "Loan.returned.is_(False)",
    "more = page * per_page < total",
    "min(max(per_page, 1), MAX_PER_PAGE)",
    "select(Book).order_by(Book.id)",
    "if not isinstance(value, str) or not value.strip():",
    "type=click.IntRange(min=1)",
])
def test_the_rule_is_in_the_code(line):
    assert line in SOURCE
