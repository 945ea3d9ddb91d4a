"""Lesson 22: the reading-list API, request by request.

A 422 is read the way flask-smorest writes it: errors, then where the bad input was (json for
the body, query for the query string), then the field, with a list of messages. Every bad field
is named, and no good one.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

from flaskcourse.checking import expect, show_json

URL = "/api/books"
MISSING_ID = 999

STRICT_HELP = ("fields.Integer reads \"412\" as 412 and 412.5 as 412 unless it says strict=True; "
               "true is refused either way.")
STORED_SHELF_HELP = ("The answers said \"to-read\"; the stored book must say so too. "
                     "load_default=\"to-read\" fills the shelf in on the way in, so the book is "
                     "stored with it; dump_default only fills in what goes out.")
BLANK_HELP = ("validate.Length(min=1) lets \"   \" through: add a validator function that raises "
              "ValidationError when value.strip() is empty (it must raise: marshmallow 4 ignores "
              "what a validator returns).")


def also_stored_nothing(books, after):
    """After refused requests, the list is still empty: a refusal stores nothing."""
    __tracebackhide__ = True
    response, items = books.listing(after=after)
    expect(response, after=after).that(
        items == [], "an empty list: every one of those books was refused, so none was stored",
        got=f"the list holds {show_json(items)[:300]}")


# ------------------------------------------------------------------------------- creating


def test_create_gives_201_the_book_and_its_location(books, client):
    """POST /api/books gives 201, the book with its five fields, and a Location that serves it"""
    body = books.book(shelf="reading")
    response = client.post(URL, json=body)
    e = expect(response).status(201, help=(
        "@blp.response(201, BookSchema) on post: 201 Created is the answer to a creation."
        if response.status_code == 200 else
        f"The collection is {URL}, with no slash at the end: url_prefix=\"/api\" on the blueprint "
        "and @blp.route(\"/books\")." if response.status_code in (301, 308) else None))
    book = e.json_object()
    e.that(set(book) == books.fields,
           "the book with exactly the fields id, title, author, pages and shelf",
           got=show_json(book))
    e.that(isinstance(book["id"], int) and not isinstance(book["id"], bool), 'an integer "id"')
    e.json_includes(body)
    location = response.headers.get("Location")
    e.that(location is not None and urlsplit(location).path == f"{URL}/{book['id']}",
           f"a Location header whose path is {URL}/{book['id']}",
           got=f"Location: {location}" if location else "no Location header",
           help="Return the book with a header: return book, {\"Location\": "
                "url_for(\"books.BookById\", book_id=book[\"id\"])} (a MethodView's endpoint is its "
                "class name, after the blueprint's).")
    fetched = client.get(urlsplit(location).path)
    expect(fetched, after=[response]).status(200).json_equals(book)


def test_ids_count_from_one_and_are_never_reused(books, client):
    """ids count 1, 2, …, and a book created after a delete gets a new id, not the deleted one's"""
    first = books.create(books.book(title="First"))
    second = books.create(books.book(title="Second"))
    shown = ["POST /api/books (the first book of a new app)", "POST /api/books (the second)"]
    expect(client.get(f"{URL}/{second['id']}"), after=shown).that(
        (first["id"], second["id"]) == (1, 2), "the ids 1 and 2",
        got=f"the ids {first['id']} and {second['id']}")
    deleted = client.delete(f"{URL}/2")
    expect(deleted, after=shown).status(204)
    third = books.create(books.book(title="Third"), after=[*shown, "DELETE /api/books/2"])
    expect(client.get(f"{URL}/3"), after=[*shown, "DELETE /api/books/2", "POST /api/books"]).that(
        third["id"] == 3, "the id 3 for the book created after book 2 was deleted",
        got=f"the id {third['id']}",
        help="An id names one book forever: a client that still holds /api/books/2 must get a "
             "404, not a different book. Count up, never reuse.")


def test_shelf_defaults_to_to_read_and_each_shelf_is_accepted(books, client):
    """a book sent without a shelf is on "to-read"; "to-read", "reading" and "read" are accepted"""
    plain = client.post(URL, json=books.book())
    e = expect(plain).status(201)
    e.that(e.json_object().get("shelf") == "to-read", 'the book on "shelf": "to-read"',
           help='load_default="to-read" fills in the shelf when the body has none.')
    fetched = client.get(f"{URL}/{e.json_object()['id']}")
    expect(fetched, after=[plain]).status(200).json_includes({"shelf": "to-read"})
    for shelf in books.shelves:
        response = client.post(URL, json=books.book(shelf=shelf))
        expect(response).status(201).json_includes({"shelf": shelf})


def test_a_book_sent_without_a_shelf_is_stored_on_to_read(books, client):
    """a book sent without a shelf, by POST or by PUT, is listed under ?shelf=to-read, not only shown there"""

    def lists(query, ids, after):
        __tracebackhide__ = True
        response = client.get(URL + query)
        e = expect(response, after=after).status(200, help=STORED_SHELF_HELP)
        items = e.json()
        got = [item.get("id") for item in items] if isinstance(items, list) else items
        e.that(got == ids, f"the books with the ids {ids}", got=f"the ids {got}", help=STORED_SHELF_HELP)
        header = books.pagination(response, after=after)
        e.that(header.get("total") == len(ids), f'X-Pagination with "total": {len(ids)}',
               got=f"X-Pagination: {json.dumps(header)}")

    plain = books.create()
    read = books.create(books.book(title="Kindred", shelf="read"))
    reading = books.create(books.book(title="Beloved", shelf="reading"))
    after = ["POST /api/books without a shelf (book 1)", "POST /api/books on \"read\" (book 2)",
             "POST /api/books on \"reading\" (book 3)"]
    lists("?shelf=to-read", [plain["id"]], after)
    lists("?shelf=read", [read["id"]], after)
    replaced = client.put(f"{URL}/{read['id']}", json=books.book(title="Kindred"))
    expect(replaced, after=after).status(200).json_includes({"shelf": "to-read"})
    after = [*after, f"PUT /api/books/{read['id']} without a shelf"]
    lists("?shelf=to-read", [plain["id"], read["id"]], after)
    lists("?shelf=read", [], after)
    lists("?shelf=reading", [reading["id"]], after)


def test_limits_are_accepted_at_the_boundary(books, client):
    """a title of 1 or 200 characters, an author of 100, and pages of 1 and 10000 are accepted"""
    for label, body in (("a title of 200 characters", books.book(title="T" * 200)),
                        ("a title of 1 character", books.book(title="T")),
                        ("an author of 100 characters", books.book(author="A" * 100)),
                        ("an author of 1 character", books.book(author="A")),
                        ("pages of 1", books.book(pages=1)),
                        ("pages of 10000", books.book(pages=10_000))):
        response = client.post(URL, json=body)
        expect(response).status(201, help=f"{label} is within the limits of the book's table: "
                                          "Length(max=...) and Range(max=...) include the limit.")
        expect(response).json_includes(body)


def test_spaces_around_a_title_or_author_are_accepted(books, client):
    """a title or author with spaces before or after its words (" Dune") is accepted"""
    for label, body in (("a title with a space before it", books.book(title=" Dune")),
                        ("a title with spaces around it", books.book(title="  Dune Messiah  ")),
                        ("an author with spaces before it", books.book(author="  Frank Herbert"))):
        response = client.post(URL, json=body)
        e = expect(response)
        e.request = f"{e.request}   ({label})"
        e.status(201, help="Only a value that is nothing but spaces is blank. validate.Regexp "
                           "matches from the start of the value, so Regexp(r\"\\S\") refuses "
                           "\" Dune\": test value.strip() in a validator of your own.")


# ------------------------------------------------------------------------- refusing a body


def test_missing_required_field_is_a_422(books, client):
    """a book without a title, an author or pages gives 422 naming that field under errors.json"""
    for field in ("title", "author", "pages"):
        body = {k: v for k, v in books.good.items() if k != field}
        books.refused(client.post(URL, json=body), "json", [field], label=f"{field} missing",
                      help=f"{field} is required: fields.String(required=True, ...) or "
                           "fields.Integer(required=True, ...).")
    also_stored_nothing(books, after=["three POST /api/books, each missing a required field"])


def test_blank_title_or_author_is_a_422(books, client):
    """an empty or blank title or author gives 422 naming that field"""
    for field in ("title", "author"):
        for label, value in (("an empty string", ""), ("one space", " "), ("only spaces", "   "),
                             ("a tab and a newline", "\t\n")):
            books.refused(client.post(URL, json=books.book(**{field: value})), "json", [field],
                          label=f"{field} is {label}", help=BLANK_HELP)
    also_stored_nothing(books, after=["POST /api/books with blank titles and authors"])


def test_too_long_title_or_author_is_a_422(books, client):
    """a title of 201 characters or an author of 101 gives 422 naming that field"""
    for field, size in (("title", 201), ("author", 101), ("title", 5000)):
        books.refused(client.post(URL, json=books.book(**{field: "x" * size})), "json", [field],
                      label=f"{field} of {size} characters",
                      help=f"validate.Length(min=1, max={size - 1 if size < 5000 else 200}) on {field}.")


def test_pages_out_of_range_is_a_422(books, client):
    """pages of 0, -1, 10001 or a million give 422 naming pages only"""
    for value in (0, -1, 10_001, 1_000_000):
        books.refused(client.post(URL, json=books.book(pages=value)), "json", ["pages"],
                      label=f"pages is {value}",
                      help="validate.Range(min=1, max=10_000) on pages.")
    also_stored_nothing(books, after=["POST /api/books with pages 0, -1, 10001 and 1000000"])


def test_pages_not_an_integer_is_a_422(books, client):
    """pages as a string, a fraction, true, false, a list or an object gives 422 naming pages"""
    for label, value in (('the string "412"', "412"), ("a word", "many"), ("412.5", 412.5),
                         ("0.5", 0.5), ("true", True), ("false", False), ("a list", [412]),
                         ("an object", {"count": 412})):
        books.refused(client.post(URL, json=books.book(pages=value)), "json", ["pages"],
                      label=f"pages is {label}", help=STRICT_HELP)
    also_stored_nothing(books, after=["POST /api/books with pages of the wrong type"])


def test_null_is_refused_for_every_field(books, client):
    """null for title, author, pages or shelf gives 422 naming that field"""
    for field in ("title", "author", "pages", "shelf"):
        books.refused(client.post(URL, json=books.book(**{field: None})), "json", [field],
                      label=f"{field} is null",
                      help="A field refuses null unless it says allow_none=True; none of the book's do.")
    also_stored_nothing(books, after=["POST /api/books with null fields"])


def test_shelf_outside_the_three_is_a_422(books, client):
    """a shelf other than "to-read", "reading" or "read" gives 422 naming shelf"""
    for value in ("lost", "", "READ", "to read", "read ", 1, True, ["read"]):
        books.refused(client.post(URL, json=books.book(shelf=value)), "json", ["shelf"],
                      label=f"shelf is {show_json(value)}",
                      help="validate.OneOf((\"to-read\", \"reading\", \"read\")) on shelf.")
    also_stored_nothing(books, after=["POST /api/books with shelves that do not exist"])


def test_text_field_of_another_type_is_a_422(books, client):
    """a title or author that is a number, a boolean, a list or an object gives 422 naming it"""
    for field in ("title", "author"):
        for label, value in (("a number", 42), ("a decimal", 1.5), ("true", True), ("false", False),
                             ("an empty list", []), ("a list", ["Dune"]), ("an object", {"text": "Dune"})):
            books.refused(client.post(URL, json=books.book(**{field: value})), "json", [field],
                          label=f"{field} is {label}",
                          help=f"{field} is a fields.String: marshmallow refuses any other type.")
    also_stored_nothing(books, after=["POST /api/books with titles and authors that are no strings"])


def test_several_broken_rules_are_all_named(books, client):
    """a body breaking five rules gives one 422 naming all five fields"""
    body = {"title": " ", "pages": "412", "shelf": "lost", "isbn": "978-0441013593"}
    books.refused(client.post(URL, json=body), "json", ["title", "author", "pages", "shelf", "isbn"],
                  label="a blank title, no author, pages as a string, an unknown shelf and an isbn",
                  help="schema.load reports every field at fault at once, so a client fixes them "
                       "all in one go.")


def test_unknown_field_or_id_is_a_422_naming_it(books, client):
    """an unknown field, or an id, in a body gives 422 naming that field"""
    for field, value in (("id", 5), ("id", 1), ("isbn", "978-0441013593"), ("Title", "Dune"),
                         ("page", 412), ("created_at", "2024-01-01")):
        books.refused(client.post(URL, json=books.book(**{field: value})), "json", [field],
                      label=f"the body also has {field}",
                      help=f"{field} is no field of a book. A marshmallow 4 schema refuses unknown "
                           "fields by default (unknown = RAISE); id is dump_only, so it is unknown "
                           "on the way in. Do not set unknown = EXCLUDE.")
    also_stored_nothing(books, after=["POST /api/books with unknown fields"])


def test_json_that_is_not_an_object_is_a_422(books, client):
    """JSON that is not an object (a list, a string, a number, null) gives 422 under errors.json._schema"""
    cases = (("a JSON list", {"json": [books.good]}), ("a JSON string", {"json": "Dune"}),
             ("a JSON number", {"json": 7}),
             ("JSON null", {"data": b"null", "content_type": "application/json"}))
    for label, kwargs in cases:
        books.refused(client.post(URL, **kwargs), "json", ["_schema"], label=label,
                      help="The body parsed, so it is no 400; it is just not a book. marshmallow "
                           "files that under _schema: \"Invalid input type.\"")
    also_stored_nothing(books, after=["POST /api/books with JSON that is not an object"])


def test_broken_json_is_a_400(books, client):
    """a body marked as JSON that does not parse (or is not UTF-8) gives 400"""
    for label, data in (("JSON cut off", b'{"title": "Dune", "pages": '),
                        ("a trailing comma", b'{"title": "Dune",}'),
                        ("bytes that are not UTF-8", b'{"title": "\xff\xfe"}')):
        response = client.post(URL, data=data, content_type="application/json")
        books.error_body(response, 400, help=f"{label}: the request could not even be read, "
                                             "which is a 400 Bad Request, not a 422.")
    also_stored_nothing(books, after=["POST /api/books with three bodies that are no JSON"])


def test_body_not_sent_as_json_is_refused(books, client):
    """a body not sent as JSON (a form, text/plain), or no body at all, gives 400, 415 or 422, and stores nothing"""
    for label, kwargs in (("no body at all", {}),
                          ("an empty body marked as JSON", {"data": b"", "content_type": "application/json"}),
                          ("the fields as a form", {"data": {k: str(v) for k, v in books.good.items()}}),
                          ("JSON text sent as text/plain",
                           {"data": json.dumps(books.good), "content_type": "text/plain"})):
        response = client.post(URL, **kwargs)
        books.error_body(response, 400, 415, 422,
                         help=f"{label}: there is no JSON book to read, so nothing can be stored.")
    also_stored_nothing(books, after=["POST /api/books without a JSON body, four times"])


def test_every_error_has_code_and_status(books, client):
    """every error (400, 404, 405, 422) is JSON with code, the status as a number, and status"""
    books.create()
    cases = (
        (client.get("/api/nothing-here"), 404),
        (client.get(f"{URL}/{MISSING_ID}"), 404),
        (client.delete(URL), 405),
        (client.patch(f"{URL}/1", json={"shelf": "read"}), 405),
        (client.post(URL, data=b'{"title": ', content_type="application/json"), 400),
        (client.post(URL, json=books.book(pages=0)), 422),
        (client.get(f"{URL}?page=0"), 422),
    )
    for response, status in cases:
        books.error_body(response, status)


# ------------------------------------------------------------------- one book: get, put, delete


def test_unknown_book_is_a_404_naming_the_id(books, client):
    """GET, PUT and DELETE of a book that does not exist give 404 whose message names the id"""
    books.create()
    made = ["POST /api/books (book 1)"]
    for book_id in (MISSING_ID, 2, 0):
        for response in (client.get(f"{URL}/{book_id}"),
                         client.put(f"{URL}/{book_id}", json=books.book()),
                         client.delete(f"{URL}/{book_id}")):
            body = books.error_body(response, 404, after=made, help=(
                "abort(404, message=...) from flask_smorest gives flask-smorest's JSON error body."))
            message = body.get("message")
            expect(response, after=made).that(
                isinstance(message, str) and re.search(rf"(?<!\d){book_id}(?!\d)", message) is not None,
                f'a "message" that names the id {book_id}',
                got=f"the body {show_json(body)}",
                help='abort(404, message=f"There is no book with id {book_id}.")')
    after = [*made, "GET, PUT and DELETE of books that do not exist"]
    response, items = books.listing(after=after)
    expect(response, after=after).that(
        [b.get("id") for b in items] == [1], "only book 1 in the list: a PUT of a missing book creates none",
        got=show_json(items)[:300])


def test_put_replaces_the_book(books, client):
    """PUT replaces every field of the book (a shelf left out is back on "to-read"); the id stays"""
    first = books.create(books.book(shelf="read"))
    second = books.create(books.book(title="Kindred", author="Octavia E. Butler", pages=264))
    made = ["POST /api/books (book 1, on \"read\")", "POST /api/books (book 2)"]
    new = {"title": "Dune Messiah", "author": "Frank Herbert", "pages": 256}
    response = client.put(f"{URL}/{first['id']}", json=new)
    e = expect(response, after=made).status(200)
    replaced = e.json_object()
    wanted = {"id": first["id"], **new, "shelf": "to-read"}
    e.that(replaced == wanted, f"the book as replaced: {show_json(wanted)}",
           got=show_json(replaced),
           help="PUT replaces the whole book with the body, loaded by the same BookSchema as POST: "
                "the shelf it leaves out gets load_default again, and the id comes from the URL.")
    after = [*made, f"PUT /api/books/{first['id']} {show_json(new)}"]
    expect(client.get(f"{URL}/{first['id']}"), after=after).status(200).json_equals(wanted)
    expect(client.get(f"{URL}/{second['id']}"), after=after).status(200).json_equals(second)
    listing, items = books.listing(after=after)
    expect(listing, after=after).that(items == [wanted, second],
                                      "the list: the replaced book, still first, then book 2",
                                      got=show_json(items)[:400])


def test_put_body_follows_the_same_rules(books, client):
    """a PUT body breaking a rule gives 422 naming the field, and the book stays as it was"""
    book = books.create()
    path = f"{URL}/{book['id']}"
    for label, body, field in (
            ("pages missing", {k: v for k, v in books.good.items() if k != "pages"}, "pages"),
            ('pages as "412"', books.book(pages="412"), "pages"),
            ("a blank title", books.book(title="  "), "title"),
            ("an author of 101 characters", books.book(author="a" * 101), "author"),
            ("a shelf that does not exist", books.book(shelf="lost"), "shelf"),
            ("an id in the body", books.book(id=book["id"]), "id"),
            ("an unknown field", books.book(isbn="978-0441013593"), "isbn")):
        books.refused(client.put(path, json=body), "json", [field], label=label,
                      help="put is decorated with @blp.arguments(BookSchema) too: the same rules.")
    after = ["POST /api/books", f"PUT {path} with seven bodies that break a rule"]
    expect(client.get(path), after=after).status(200).json_equals(book)


def test_delete_gives_204_then_the_book_is_gone(books, client):
    """DELETE gives 204 with no body; then GET gives 404, the list lacks it, a second DELETE gives 404"""
    first = books.create()
    second = books.create(books.book(title="Kindred"))
    made = ["POST /api/books (book 1)", "POST /api/books (book 2)"]
    path = f"{URL}/{first['id']}"
    response = client.delete(path)
    e = expect(response, after=made).status(204, help="@blp.response(204) on delete, returning nothing.")
    e.that(response.get_data() == b"", "an empty body with the 204", got=show_json(response.get_data(as_text=True)))
    after = [*made, f"DELETE {path}"]
    books.error_body(client.get(path), 404, after=after)
    listing, items = books.listing(after=after)
    expect(listing, after=after).that(items == [second], "the list holding book 2 only",
                                      got=show_json(items)[:300])
    books.error_body(client.delete(path), 404, after=after)


# ---------------------------------------------------------------------------- list and pages


def test_list_is_oldest_first_in_pages_of_ten(books, client):
    """GET /api/books lists the books of every shelf oldest first, 10 to a page, each with its five fields"""
    made = books.create_many(25, shelf_of=lambda n: books.shelves[n % 3])
    renamed = client.put(f"{URL}/3", json=books.book(title="Book 3, renamed", pages=3))
    expect(renamed).status(200)
    after = ["25 books created, Book 1 to Book 25, on the three shelves in turn",
             "PUT /api/books/3 (a new title)"]
    for query, ids in (("", range(1, 11)), ("?page=1", range(1, 11)), ("?page=2", range(11, 21)),
                       ("?page=3", range(21, 26))):
        response, items = books.listing(query, after=after)
        got = [item.get("id") for item in items]
        expect(response, after=after).that(
            got == list(ids), f"the books with the ids {ids.start} to {ids.stop - 1}, in that order",
            got=f"the ids {got}",
            help="Every shelf, oldest first, 10 to a page: without ?shelf= the query schema's data "
                 "is {} (its shelf has no default), and @blp.paginate(Page, page_size=10, "
                 "max_page_size=50) slices the list the store gives, which is in id order.")
        odd = [item for item in items if set(item) != books.fields]
        expect(response, after=after).that(not odd, "books with exactly the fields id, title, "
                                                    "author, pages and shelf", got=show_json(odd[:1]))
    first_page, items = books.listing("?page=1", after=after)
    expect(first_page, after=after).that(items[2] == {**made[2], "title": "Book 3, renamed"},
                                         "Book 3 in third place, with its new title",
                                         got=show_json(items[2]))


def test_page_size_is_honoured_up_to_fifty(books, client):
    """page_size picks how many books a page holds, up to and including 50"""
    books.create_many(51)
    after = ["51 books created"]
    for query, ids in (("?page_size=50", range(1, 51)), ("?page_size=50&page=2", range(51, 52)),
                       ("?page_size=1&page=3", range(3, 4)), ("?page_size=7&page=2", range(8, 15)),
                       ("?page=2&page_size=5", range(6, 11))):
        response, items = books.listing(query, after=after)
        got = [item.get("id") for item in items]
        expect(response, after=after).that(
            got == list(ids), f"the books with the ids {ids.start} to {ids.stop - 1}",
            got=f"the ids {got}",
            help="page_size may be anything from 1 to 50: max_page_size=50 in @blp.paginate.")


def test_bad_page_or_page_size_is_a_422(books, client):
    """page or page_size of 0, -1 or a word, and page_size 51, give 422 under errors.query"""
    books.create_many(2)
    cases = [(f"?page={v}", "page") for v in ("0", "-1", "abc")]
    cases += [(f"?page_size={v}", "page_size") for v in ("0", "-1", "abc", "51", "1000")]
    for query, field in cases:
        books.refused(client.get(URL + query), "query", [field], label=query,
                      help="@blp.paginate refuses a page below 1 and a page_size outside 1 to "
                           "max_page_size (50) with a 422 under errors.query.")


def test_page_past_the_last_is_an_empty_list(books, client):
    """a page past the last one gives 200 and an empty list"""
    books.create_many(3)
    for query in ("?page=2", "?page=99", "?page_size=3&page=2", "?page_size=1&page=4"):
        response, items = books.listing(query, after=["3 books created"])
        expect(response, after=["3 books created"]).that(items == [], "an empty list []",
                                                         got=show_json(items)[:300])


def test_pagination_header_describes_the_page(books, client):
    """X-Pagination gives total, total_pages, first, last, page, previous and next as the text's table says"""
    response, _ = books.listing()
    header = books.pagination(response)
    expect(response).that(header == {"total": 0, "total_pages": 0},
                          'X-Pagination: {"total": 0, "total_pages": 0} for an empty list',
                          got=f"X-Pagination: {json.dumps(header)}")
    books.create_many(25)
    after = ["25 books created"]
    for query, wanted in (
            ("", {"total": 25, "total_pages": 3, "first_page": 1, "last_page": 3, "page": 1, "next_page": 2}),
            ("?page=2", {"total": 25, "total_pages": 3, "first_page": 1, "last_page": 3, "page": 2,
                         "previous_page": 1, "next_page": 3}),
            ("?page=3", {"total": 25, "total_pages": 3, "first_page": 1, "last_page": 3, "page": 3,
                         "previous_page": 2}),
            ("?page=4", {"total": 25, "total_pages": 3, "first_page": 1, "last_page": 3}),
            ("?page_size=25", {"total": 25, "total_pages": 1, "first_page": 1, "last_page": 1, "page": 1}),
            ("?page_size=24&page=2", {"total": 25, "total_pages": 2, "first_page": 1, "last_page": 2,
                                      "page": 2, "previous_page": 1}),
            ("?page_size=5&page=5", {"total": 25, "total_pages": 5, "first_page": 1, "last_page": 5,
                                     "page": 5, "previous_page": 4})):
        response, _ = books.listing(query, after=after)
        header = books.pagination(response, after=after)
        expect(response, after=after).that(
            header == wanted, f"X-Pagination: {json.dumps(wanted)}",
            got=f"X-Pagination: {json.dumps(header)}",
            help="@blp.paginate writes this header when it knows the total: Page does, from the "
                 "list; without Page, set pagination_parameters.item_count yourself.")


def test_shelf_filter_lists_only_that_shelf(books, client):
    """?shelf= lists only that shelf's books, oldest first, and X-Pagination counts only those"""
    made = books.create_many(30, shelf_of=lambda n: "read" if n % 2 else "to-read")
    read_ids = [b["id"] for b in made if b["shelf"] == "read"]
    after = ["30 books created, the odd ones on \"read\", the even ones on \"to-read\""]
    for query, ids, wanted in (
            ("?shelf=read", read_ids[:10], {"total": 15, "total_pages": 2, "first_page": 1,
                                            "last_page": 2, "page": 1, "next_page": 2}),
            ("?shelf=read&page=2", read_ids[10:], {"total": 15, "total_pages": 2, "first_page": 1,
                                                   "last_page": 2, "page": 2, "previous_page": 1}),
            ("?page=2&page_size=5&shelf=read", read_ids[5:10],
             {"total": 15, "total_pages": 3, "first_page": 1, "last_page": 3, "page": 2,
              "previous_page": 1, "next_page": 3}),
            ("?shelf=reading", [], {"total": 0, "total_pages": 0})):
        response, items = books.listing(query, after=after)
        got = [item.get("id") for item in items]
        expect(response, after=after).that(
            got == ids, f"the books with the ids {ids}", got=f"the ids {got}",
            help="books().all(shelf=query.get(\"shelf\")): the query schema's clean data holds the "
                 "shelf only when the client sent one.")
        header = books.pagination(response, after=after)
        expect(response, after=after).that(header == wanted, f"X-Pagination: {json.dumps(wanted)}",
                                           got=f"X-Pagination: {json.dumps(header)}")


def test_bad_shelf_filter_is_a_422(books, client):
    """?shelf= with anything but the three shelves gives 422 under errors.query.shelf"""
    books.create_many(2)
    for value in ("lost", "", "READ", "to%20read"):
        books.refused(client.get(f"{URL}?shelf={value}"), "query", ["shelf"], label=f"?shelf={value}",
                      help="@blp.arguments(BookQuerySchema, location=\"query\"), whose shelf has "
                           "validate.OneOf(SHELVES).")


def test_unknown_query_parameter_is_ignored(books, client):
    """a query parameter the API does not know is ignored"""
    made = books.create_many(3, shelf_of=lambda n: "read" if n == 2 else "to-read")
    after = ["3 books created, book 2 on \"read\""]
    for query, wanted in (("?sort=title", made), ("?isbn=1&colour=blue", made),
                          ("?shelf=read&colour=blue", [made[1]])):
        response = books.client.get(URL + query)
        expect(response, after=after).status(200, help=(
            "Unknown query parameters are ignored: flask-smorest loads the query string with "
            "unknown = EXCLUDE (page and page_size live there too). Do not set RAISE on the "
            "query schema.") if response.status_code == 422 else None)
        _, items = books.listing(query, after=after)
        expect(response, after=after).that(items == wanted, f"the same books as without the "
                                                            f"unknown parameter: {show_json(wanted)[:200]}",
                                           got=show_json(items)[:300])


# ----------------------------------------------------------------------------- the factory


def test_two_apps_share_no_books(books, client, make_app):
    """two apps from create_app() do not share books"""
    books.create()
    other = make_app(reimport=False).test_client()
    after = ["POST /api/books on one app", "a second app from create_app()"]
    response = other.get(URL)
    items = expect(response, after=after).status(200).json()
    expect(response, after=after).that(
        items == [], "an empty list on the second app",
        got=show_json(items)[:300],
        help="Make the store inside create_app (app.extensions[\"books\"] = BookStore()) and reach "
             "it through current_app; a module-level store is shared by every app.")
