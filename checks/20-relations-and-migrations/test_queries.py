"""Lesson 20: no N+1. An answer that shows more rows must not send more SQL statements.

Each check builds a small case and a large one through the API, then counts the statements
the app sends to the database while it answers one GET for each (after a first GET, so that
setting up the connection is not counted).
"""

from __future__ import annotations

from typing import Any

from flaskcourse.checking import expect, fail

N1_HELP = ("Touching author.books (or book.tags) for each row makes SQLAlchemy load it lazily, one "
           "query per row: the N+1 problem. Load the rows with the query instead: "
           "db.select(Author).options(selectinload(Author.books).selectinload(Book.tags)); for "
           "one row, db.session.get(Author, author_id, options=[...]).")
SHOWN = 6


def post(client, path: str, body: dict[str, Any]) -> dict[str, Any]:
    __tracebackhide__ = True
    response = client.post(path, json=body)
    return expect(response).status(201).json_object()


def author_with_books(client, name: str, books: int, tags_per_book: int) -> int:
    """An author with ``books`` books, each with ``tags_per_book`` tags; the author's id."""
    __tracebackhide__ = True
    author = post(client, "/authors", {"name": name})
    for n in range(books):
        tags = [f"tag-{(n + t) % 5}" for t in range(tags_per_book)]
        post(client, f"/authors/{author['id']}/books", {"title": f"{name}, book {n + 1}",
                                                        "tags": tags})
    return author["id"]


def sent_for(client, statements, path: str) -> tuple[list[str], Any]:
    """The statements sent while answering GET path (answered 200), and the JSON body."""
    __tracebackhide__ = True
    expect(client.get(path)).status(200)
    with statements.counting() as sent:
        response = client.get(path)
    body = expect(response).status(200).json()
    return list(sent), body


def shown(sent: list[str]) -> str:
    lines = [f"  {s[:150]}" for s in sent[:SHOWN]]
    if len(sent) > SHOWN:
        lines.append(f"  … and {len(sent) - SHOWN} more")
    return "\n".join(lines)


def same_cost(few: tuple[str, list[str]], many: tuple[str, list[str]]) -> None:
    """Fail unless the large case sent no more statements than the small one."""
    __tracebackhide__ = True
    (few_case, few_sent), (many_case, many_sent) = few, many
    if len(many_sent) > len(few_sent):
        fail(f"as many SQL statements for {many_case} as for {few_case}",
             f"{len(few_sent)} for {few_case}:\n{shown(few_sent)}\n"
             f"{len(many_sent)} for {many_case}:\n{shown(many_sent)}",
             help=N1_HELP)


def test_listing_authors_costs_the_same_for_1_and_20_authors(client, statements):
    """GET /authors sends as many SQL statements for 20 authors (2 books each, 2 tags each) as for 1"""
    author_with_books(client, "First", books=1, tags_per_book=1)
    few, body = sent_for(client, statements, "/authors")
    expect(client.get("/authors")).that(len(body) == 1 and len(body[0].get("books", [])) == 1,
                                        "one author with one book")
    for n in range(19):
        author_with_books(client, f"Author {n + 2}", books=2, tags_per_book=2)
    many, body = sent_for(client, statements, "/authors")
    expect(client.get("/authors")).that(len(body) == 20, "20 authors")
    same_cost(("GET /authors with 1 author, 1 book, 1 tag", few),
              ("GET /authors with 20 authors, 2 books each, 2 tags each", many))


def test_one_author_costs_the_same_for_1_and_20_books(client, statements):
    """GET /authors/<id> sends as many SQL statements for an author with 20 books as with 1"""
    one = author_with_books(client, "One", books=1, tags_per_book=1)
    twenty = author_with_books(client, "Twenty", books=20, tags_per_book=2)
    few, _ = sent_for(client, statements, f"/authors/{one}")
    many, body = sent_for(client, statements, f"/authors/{twenty}")
    expect(client.get(f"/authors/{twenty}")).that(len(body.get("books", [])) == 20, "20 books")
    same_cost((f"GET /authors/{one} (1 book, 1 tag)", few),
              (f"GET /authors/{twenty} (20 books, 2 tags each)", many))


def test_books_of_a_tag_cost_the_same_for_1_and_20_books(client, statements):
    """GET /tags/<name>/books sends as many SQL statements for 20 books as for 1"""
    author = post(client, "/authors", {"name": "Tagged"})
    post(client, f"/authors/{author['id']}/books", {"title": "Alone", "tags": ["rare"]})
    for n in range(20):
        post(client, f"/authors/{author['id']}/books",
             {"title": f"Book {n + 1}", "tags": ["common", f"tag-{n % 4}"]})
    few, _ = sent_for(client, statements, "/tags/rare/books")
    many, body = sent_for(client, statements, "/tags/common/books")
    expect(client.get("/tags/common/books")).that(len(body) == 20, "20 books")
    same_cost(("GET /tags/rare/books (1 book)", few),
              ("GET /tags/common/books (20 books, 2 tags each)", many))
