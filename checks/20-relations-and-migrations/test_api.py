"""Lesson 20: the bookshop's API, its relations (authors → books, books ↔ tags) and its cascade.

Every check here starts from an app whose database holds the tables of the learner's models
(conftest.py makes them): these checks judge the relations and the routes, the migration
checks judge the migrations.
"""

from __future__ import annotations

from typing import Any

from flaskcourse.checking import expect, fail, show_json
from flaskcourse.checking.payloads import bad_bodies, bad_fields
from flaskcourse.checking.traversal import longer_names

BOOK_KEYS = {"id", "title", "author_id", "stock", "tags"}
CASCADE_HELP = ("Deleting an author must delete their books: give Author.books "
                "cascade=\"all, delete-orphan\" and delete with db.session.delete(author). "
                "Without a cascade SQLAlchemy sets the books' author_id to NULL, which NOT NULL "
                "refuses.")
ORM_DELETE_HELP = ("Delete through the session (db.session.delete(book)): SQLAlchemy then "
                   "removes the book's rows in book_tag too. A bulk DELETE statement skips "
                   "the ORM, and the links stay behind pointing at a book that is gone.")


def new_author(client, name: str = "Ursula K. Le Guin") -> dict[str, Any]:
    """POST /authors; the new author."""
    __tracebackhide__ = True
    response = client.post("/authors", json={"name": name})
    body = expect(response).status(201).json_object()
    expect(response).that(isinstance(body.get("id"), int) and not isinstance(body.get("id"), bool),
                          "the new author with an integer id")
    return body


def new_book(client, author_id: int, **fields: Any) -> dict[str, Any]:
    """POST /authors/<id>/books; the new book."""
    __tracebackhide__ = True
    fields.setdefault("title", "A Wizard of Earthsea")
    response = client.post(f"/authors/{author_id}/books", json=fields)
    body = expect(response).status(201).json_object()
    expect(response).that(isinstance(body.get("id"), int), "the new book with an integer id")
    return body


def get_json(client, path: str, after=()) -> Any:
    __tracebackhide__ = True
    response = client.get(path)
    return expect(response, after=after).status(200).json()


def book(id: int, title: str, author_id: int, stock: int = 0, tags=()) -> dict[str, Any]:
    return {"id": id, "title": title, "author_id": author_id, "stock": stock, "tags": list(tags)}


def refused(client, path: str, what: str, **kwargs: Any) -> None:
    """A POST that must be answered 400 with a JSON body."""
    __tracebackhide__ = True
    response = client.post(path, **kwargs)
    response.flaskcourse_request = f"{response.flaskcourse_request}\n  ({what})"
    expect(response).json_error(400)


# ------------------------------------------------------------------------------- authors


def test_a_new_author_has_no_books(client):
    """POST /authors answers 201 with the author: id, name and "books": []"""
    response = client.post("/authors", json={"name": "Ursula K. Le Guin"})
    expect(response).status(201).json_includes({"name": "Ursula K. Le Guin", "books": []})
    expect(response).json_has("id")


def test_author_name_is_required(client):
    """a missing, blank or non-string name is a 400 with a JSON body, and stores nothing"""
    for what, kwargs in bad_fields({"name": "Ursula K. Le Guin"}, "name"):
        refused(client, "/authors", what, **kwargs)
    expect(client.get("/authors")).json_equals([])


def test_bodies_that_are_not_json_objects_are_refused(client):
    """a body that is not a JSON object is a 400 with a JSON body, on both POST routes"""
    author = new_author(client)
    for path, valid in (("/authors", {"name": "Octavia E. Butler"}),
                        (f"/authors/{author['id']}/books", {"title": "Kindred"})):
        for what, kwargs in bad_bodies(valid):
            refused(client, path, what, **kwargs)
    expect(client.get("/authors")).json_equals([author])


# --------------------------------------------------------------------------------- books


def test_a_new_book_has_its_stock_and_its_tags(client):
    """POST /authors/<id>/books answers 201 with the book, its stock and its tags (alphabetical, each once)"""
    author = new_author(client)
    response = client.post(f"/authors/{author['id']}/books", json={
        "title": "A Wizard of Earthsea", "stock": 3, "tags": ["fantasy", "classic", "fantasy"]})
    body = expect(response).status(201).json_object()
    expect(response).that(set(body) >= BOOK_KEYS,
                          f"a book with the keys {', '.join(sorted(BOOK_KEYS))}")
    expect(response).json_includes({"title": "A Wizard of Earthsea", "author_id": author["id"],
                                    "stock": 3, "tags": ["classic", "fantasy"]})
    # Tags made in another order than their names': the order must come from the names.
    steps = [response]
    second = client.post(f"/authors/{author['id']}/books", json={
        "title": "The Dispossessed", "tags": ["sf", "anarchy", "fantasy", "classic"]})
    wanted = ["anarchy", "classic", "fantasy", "sf"]
    help = ("Order a book's tags by name where they are loaded: relationship(..., "
            "order_by=Tag.name). Without it they come in the order the database finds them.")
    made = expect(second, after=steps).status(201)
    made.that(made.json_object().get("tags") == wanted, f'"tags": {show_json(wanted)}',
              got=f'"tags": {show_json(made.json_object().get("tags"))}', help=help)
    steps.append(second)
    shown = expect(client.get(f"/authors/{author['id']}"), after=steps).status(200)
    books = shown.json_object().get("books")
    tags = [book.get("tags") for book in books if isinstance(book, dict)] \
        if isinstance(books, list) else None
    shown.that(tags == [["classic", "fantasy"], wanted],
               f"the two books' tags, each alphabetical: {show_json(['classic', 'fantasy'])} "
               f"and {show_json(wanted)}", got=show_json(tags), help=help)


def test_stock_and_tags_may_be_left_out(client):
    """a book sent without stock or tags has "stock": 0 and "tags": []"""
    author = new_author(client)
    response = client.post(f"/authors/{author['id']}/books", json={"title": "Kindred"})
    expect(response).status(201).json_includes({"title": "Kindred", "stock": 0, "tags": []})


def test_stock_limits_are_exact(client):
    """stock 0 and 1000000 are accepted; -1 and 1000001 are refused with 400"""
    author = new_author(client)
    path = f"/authors/{author['id']}/books"
    for stock in (-1, 1_000_001):
        refused(client, path, f"stock {stock}", json={"title": "Kindred", "stock": stock})
    for stock in (0, 1_000_000):
        response = client.post(path, json={"title": "Kindred", "stock": stock})
        expect(response).status(201).json_includes({"stock": stock})


def test_stock_must_be_a_whole_number(client):
    """a stock that is a decimal, a string, a boolean or null is a 400 with a JSON body"""
    author = new_author(client)
    path = f"/authors/{author['id']}/books"
    for value in (1.5, "3", True, False, None, [3], {"copies": 3}):
        refused(client, path, f"stock {value!r}", json={"title": "Kindred", "stock": value})
    expect(client.get(f"/authors/{author['id']}")).status(200).json_includes({"books": []})


def test_book_title_is_required(client):
    """a missing, blank or non-string title is a 400 with a JSON body, and stores nothing"""
    author = new_author(client)
    for what, kwargs in bad_fields({"title": "Kindred"}, "title"):
        refused(client, f"/authors/{author['id']}/books", what, **kwargs)
    expect(client.get(f"/authors/{author['id']}")).status(200).json_includes({"books": []})


def test_tags_must_be_a_list(client):
    """tags that are not a list (a string, null, a number, an object) are a 400"""
    author = new_author(client)
    for value in ("fantasy", None, 42, {"fantasy": True}):
        refused(client, f"/authors/{author['id']}/books", f"tags {value!r}",
                json={"title": "Kindred", "tags": value})
    expect(client.get("/tags")).status(200).json_equals([])


BAD_NAMES = ("", "Fantasy", "science fiction", "sci--fi", "-sf", "sf-", "s_f", "sf\n", "fantäsy",
             "a" * 31, None, 42, ["sf"])


def test_bad_tag_names_are_refused(client):
    """each tag must be a lowercase word (hyphens between words), at most 30 characters"""
    author = new_author(client)
    for name in BAD_NAMES:
        refused(client, f"/authors/{author['id']}/books", f"the tag {name!r}",
                json={"title": "Kindred", "tags": ["sf", name]})
    expect(client.get("/tags")).status(200).json_equals([])
    expect(client.get(f"/authors/{author['id']}")).status(200).json_includes({"books": []})


def test_good_tag_names_are_accepted(client):
    """the tags a, 2024, science-fiction and one of 30 characters are accepted"""
    author = new_author(client)
    names = ["a", "2024", "science-fiction", "x" * 30]
    response = client.post(f"/authors/{author['id']}/books", json={"title": "Kindred",
                                                                    "tags": names})
    expect(response).status(201).json_includes({"tags": sorted(names)})


def test_a_book_for_an_unknown_author_is_404(client):
    """POST /authors/<id>/books for an author that does not exist is a 404 with a JSON body"""
    author = new_author(client)
    response = client.post(f"/authors/{author['id'] + 1}/books", json={"title": "Kindred"})
    expect(response).json_error(404)


# ---------------------------------------------------------------------------------- tags


def test_a_tag_is_shared_by_the_books_that_name_it(client):
    """two books that name the same tag share it: GET /tags lists it once, GET /tags/<name>/books lists both, oldest first"""
    ursula, octavia = new_author(client), new_author(client, "Octavia E. Butler")
    first = new_book(client, ursula["id"], title="The Dispossessed", tags=["sf", "utopia"])
    new_book(client, octavia["id"], title="Kindred", tags=["history"])
    third = new_book(client, octavia["id"], title="Dawn", tags=["sf"])
    expect(client.get("/tags")).status(200).json_equals(["history", "sf", "utopia"])
    expect(client.get("/tags/sf/books")).status(200).json_equals([
        book(first["id"], "The Dispossessed", ursula["id"], tags=["sf", "utopia"]),
        book(third["id"], "Dawn", octavia["id"], tags=["sf"])])


def test_tags_are_listed_alphabetically(client):
    """GET /tags lists every tag name once, in alphabetical order"""
    author = new_author(client)
    for tags in (["web", "python"], ["api", "web"], ["kids"]):
        new_book(client, author["id"], tags=tags)
    expect(client.get("/tags")).status(200).json_equals(["api", "kids", "python", "web"])


def test_an_unknown_tag_is_404(client):
    """GET /tags/<name>/books for a tag that does not exist is a 404, even for a name like an existing one"""
    author = new_author(client)
    new_book(client, author["id"], tags=["fantasy"])
    near = ["sf", "Fantasy", "FANTASY", "fantas_", "fant%25", "%25", "fant", *longer_names("fantasy")]
    for name in near:
        expect(client.get(f"/tags/{name}/books")).status(
            404, help="Look the tag up by its exact name (filter_by(name=name)): no like(), "
                      "no ilike(), no lower().").json_error(404)


# ------------------------------------------------------------------------ reading authors


def shop(client) -> dict[str, Any]:
    """Two authors, three books with tags, made through the API; what the answers must show.
    Neither the authors nor Ursula's books are in alphabetical order: the answers list them by id."""
    ursula, octavia = new_author(client), new_author(client, "Octavia E. Butler")
    one = new_book(client, octavia["id"], title="Kindred", stock=2, tags=["history", "sf"])
    two = new_book(client, ursula["id"], title="The Word for World Is Forest", tags=["sf"])
    three = new_book(client, ursula["id"], title="A Wizard of Earthsea", stock=1)
    return {
        "ursula": {**ursula, "books": [
            book(two["id"], "The Word for World Is Forest", ursula["id"], 0, ["sf"]),
            book(three["id"], "A Wizard of Earthsea", ursula["id"], 1)]},
        "octavia": {**octavia, "books": [book(one["id"], "Kindred", octavia["id"], 2,
                                              ["history", "sf"])]},
    }


def test_authors_are_listed_with_their_books(client):
    """GET /authors lists every author oldest first, each with their books oldest first, each with its tags"""
    made = shop(client)
    expect(client.get("/authors")).status(200).json_equals([made["ursula"], made["octavia"]])


def test_one_author_is_shown_with_their_books(client):
    """GET /authors/<id> answers 200 with the author, their books and each book's tags"""
    made = shop(client)
    for author in made.values():
        expect(client.get(f"/authors/{author['id']}")).status(200).json_equals(author)


def test_a_restarted_app_shows_the_same(client, make_app):
    """a second app built on the same database file shows the same authors, books and tags"""
    made = shop(client)
    again = make_app().test_client()
    expect(again.get("/authors")).status(200).json_equals([made["ursula"], made["octavia"]])
    expect(again.get("/tags")).status(200).json_equals(["history", "sf"])


def test_an_unknown_author_is_404(client):
    """GET and DELETE /authors/<id> for an author that does not exist are a 404 with a JSON body"""
    author = new_author(client)
    unknown = f"/authors/{author['id'] + 1}"
    expect(client.get(unknown)).json_error(404)
    expect(client.delete(unknown)).json_error(404)
    expect(client.get("/authors")).json_equals([author])


def test_every_error_is_json(client):
    """an unknown URL (404) and a method a route does not take (405) answer with JSON"""
    expect(client.get("/publishers")).json_error(404)
    expect(client.put("/authors")).json_error(405)
    expect(client.post("/tags")).json_error(405)


# ------------------------------------------------------------------------------- deleting


def test_deleting_an_author_deletes_their_books(client):
    """DELETE /authors/<id> answers 204 with no body, and the author's books go with them"""
    made = shop(client)
    ursula, octavia = made["ursula"], made["octavia"]
    response = client.delete(f"/authors/{ursula['id']}")
    expect(response).status(204, help=CASCADE_HELP).that(
        response.get_data() == b"", "no body with the 204")
    after = [response]
    expect(client.get(f"/authors/{ursula['id']}"), after=after).json_error(404)
    expect(client.get("/authors"), after=after).status(200).json_equals([octavia])
    expect(client.get("/tags/sf/books"), after=after).status(200).json_equals(octavia["books"])


def test_deleting_an_author_keeps_the_tags(client):
    """after an author is deleted, every tag their books had is still listed"""
    author = new_author(client)
    new_book(client, author["id"], title="Solaris", tags=["sf", "classic"])
    response = client.delete(f"/authors/{author['id']}")
    expect(response).status(204, help=CASCADE_HELP)
    expect(client.get("/tags"), after=[response]).status(200).json_equals(["classic", "sf"])
    expect(client.get("/tags/classic/books"), after=[response]).status(200).json_equals([])


def test_deleting_a_book_keeps_its_tags(client):
    """DELETE /books/<id> answers 204 with no body; the book is gone from its author and its tags, the tags stay"""
    made = shop(client)
    ursula = made["ursula"]
    gone, kept = ursula["books"]
    response = client.delete(f"/books/{gone['id']}")
    expect(response).status(204).that(response.get_data() == b"", "no body with the 204")
    after = [response]
    expect(client.get(f"/authors/{ursula['id']}"), after=after).status(200).json_equals(
        {**ursula, "books": [kept]})
    expect(client.get("/tags"), after=after).status(200).json_equals(["history", "sf"])
    expect(client.get("/tags/sf/books"), after=after).status(200).json_equals(
        made["octavia"]["books"])


def test_deleting_an_unknown_book_is_404(client):
    """DELETE /books/<id> for a book that does not exist is a 404 with a JSON body"""
    author = new_author(client)
    kept = new_book(client, author["id"])
    expect(client.delete(f"/books/{kept['id'] + 1}")).json_error(404)
    expect(client.get(f"/authors/{author['id']}")).status(200).json_includes({"books": [kept]})


def test_no_row_points_at_a_deleted_book_or_author(client, database):
    """after deletes, no row of any table still points at a deleted book or author"""
    made = shop(client)
    first = made["ursula"]["books"][0]["id"]
    steps = [client.delete(f"/books/{first}"), client.delete(f"/authors/{made['octavia']['id']}")]
    for step in steps:
        expect(step).status(204, help=CASCADE_HELP)
    left = []
    for table in sorted(database.tables()):
        for column, target, key in database.foreign_keys(table):
            if target in ("book", "author"):
                rows = database.query(
                    f'SELECT "{column}" FROM "{table}" WHERE "{column}" IS NOT NULL AND '
                    f'"{column}" NOT IN (SELECT "{key}" FROM "{target}")')
                left += [f"{table}.{column} = {value} (no such {target})" for (value,) in rows]
    if left:
        fail("no row pointing at a deleted row", "\n".join(left),
             request=f"DELETE /books/{first}, then DELETE /authors/{made['octavia']['id']}",
             help=ORM_DELETE_HELP)


def test_a_new_book_shows_only_its_own_tags(client):
    """a book created after a tagged book was deleted has only the tags it was given"""
    author = new_author(client)
    tagged = new_book(client, author["id"], title="Solaris", tags=["sf", "classic"])
    response = client.delete(f"/books/{tagged['id']}")
    expect(response).status(204)
    # SQLite may give the new book the id of the one just deleted: stale links would show here.
    fresh = client.post(f"/authors/{author['id']}/books", json={"title": "Fiasco"})
    expect(fresh, after=[response]).status(201).json_includes({"tags": []})
    expect(client.get("/tags/sf/books"), after=[response, fresh]).status(200).json_equals([])

