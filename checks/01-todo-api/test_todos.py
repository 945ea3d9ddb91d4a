"""Hidden checks for lesson 01: an in-memory to-do API.

The app is imported afresh for every check, so each one starts with no to-dos. The API
contract the lesson teaches: a to-do is a JSON object with an integer "id", a "title" and a
"done" boolean; every error answers with a JSON body. How the learner gets there (decorators,
jsonify or dicts, abort or returned tuples, a list or a dict) is up to them.
"""

from __future__ import annotations

from typing import Any

from flaskcourse.checking import expect, fail, show_json
from flaskcourse.checking.payloads import EMPTY_STRINGS, NOT_A_STRING

JSON = "application/json"

NEEDS_CREATE_HELP = (
    "This check creates a to-do first, and that did not work. Make POST /todos with "
    "{\"title\": ...} answer 201 and the new to-do with its \"id\"; then this check can test "
    "the rest."
)
VALIDATE_FIRST_HELP = ("Check every field the PUT sends before changing the stored to-do: a "
                       "refused request must leave it exactly as it was.")

# Ids that name no to-do: one that was never handed out, and ones that are no number at all.
UNKNOWN_IDS = ("999", "abc", "1.5")

# Bodies that hold no JSON object. The first group says it is JSON: a 400. The second is not
# JSON at all (no or another content type): 400, or the 415 that plain get_json() raises.
JSON_BUT_NOT_AN_OBJECT = (
    ("a JSON list", {"json": ["Buy milk"]}),
    ("a JSON string", {"json": "Buy milk"}),
    ("a JSON number", {"json": 42}),
    ("JSON null", {"data": b"null", "content_type": JSON}),
    ("JSON true", {"data": b"true", "content_type": JSON}),
)
BROKEN_JSON = (
    ("JSON cut off in the middle", {"data": b'{"title": "Buy milk"', "content_type": JSON}),
    ("an empty body marked as JSON", {"data": b"", "content_type": JSON}),
    ("text that is not JSON, marked as JSON", {"data": b"title=Buy milk", "content_type": JSON}),
    ("bytes that are not UTF-8, marked as JSON",
     {"data": b'{"title": "\xff\xfe"}', "content_type": JSON}),
)
NOT_JSON_AT_ALL = (
    ("a text/plain body", {"data": "Buy milk", "content_type": "text/plain"}),
    ("JSON text sent as text/plain", {"data": '{"title": "Buy milk"}', "content_type": "text/plain"}),
    ("a form", {"data": {"title": "Buy milk"}}),
    ("no body at all", {}),
)
NOT_A_BOOLEAN = (("the string \"yes\"", "yes"), ("the string \"true\"", "true"), ("1", 1),
                 ("0", 0), ("null", None), ("a list", [True]), ("an object", {"done": True}))


def is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def create(client: Any, title: str) -> dict[str, Any]:
    """POST a to-do and return it; fail with a clear message if that step itself is broken."""
    response = client.post("/todos", json={"title": title})
    check = expect(response)
    check.that(response.status_code in (200, 201), "status 201 from POST /todos",
               help=NEEDS_CREATE_HELP)
    todo = check.json_object()
    check.that(is_int(todo.get("id")), 'the new to-do with an integer "id"',
               help=NEEDS_CREATE_HELP)
    return todo


def stored(client: Any, url: str, after: list[Any]) -> tuple[Any, dict[str, Any]]:
    """GET a to-do after some requests; the expectation and the to-do."""
    later = expect(client.get(url), after=after)
    return later, later.status(200).json_object()


def expect_unchanged(client: Any, url: str, put: Any, title: str, done: bool, label: str) -> None:
    __tracebackhide__ = True
    later, todo = stored(client, url, [put])
    later.that(todo.get("title") == title and todo.get("done") is done,
               f'the to-do unchanged after the refused PUT ({label}): "title": '
               f'{show_json(title)}, "done": {show_json(done)}',
               got=f"the to-do {show_json(todo)}", help=VALIDATE_FIRST_HELP)


# ------------------------------------------------------------------------------ create, read


def test_post_creates_todo_with_201(client):
    """POST /todos answers 201 with the new to-do: its integer id, its title and "done": false"""
    response = client.post("/todos", json={"title": "Buy milk"})
    check = expect(response).status(201)
    todo = check.json_object()
    check.that(is_int(todo.get("id")) and todo.get("title") == "Buy milk"
               and todo.get("done") is False,
               'the new to-do as a JSON object with an integer "id", "title": "Buy milk" and '
               '"done": false',
               help="Build the to-do (id, title, done false), store it, and return it with 201.")


def test_the_server_picks_the_id(client):
    """an "id" a client sends in a POST is never used: the new to-do gets an id the server picks"""
    first = create(client, "Buy milk")
    steps = []
    for sent in (first["id"], 99):
        response = client.post("/todos", json={"title": "Walk the dog", "id": sent})
        check = expect(response, after=steps).status(201, 400)
        steps.append(response)
        if response.status_code == 400:
            check.json_error(400)
            continue
        todo = check.json_object()
        check.that(is_int(todo.get("id")) and todo.get("id") not in (sent, first["id"]),
                   f'a new to-do with an id the server picked (not the {show_json(sent)} sent '
                   f'in the body, and not {first["id"]}, which is taken)',
                   got=f"the to-do {show_json(todo)}",
                   help="The server picks the id: build the to-do from the fields you read and "
                        "checked (the title), never by copying the request's body into it. "
                        "Ignore an \"id\" the client sends, or refuse it with a 400.")
    kept = expect(client.get(f"/todos/{first['id']}"), after=steps)
    kept.status(200).json_includes({"id": first["id"], "title": "Buy milk"})


def test_title_kept_as_sent_or_trimmed(client):
    """a title with spaces at its ends is kept as sent, or trimmed"""
    todo = create(client, "  Buy milk  ")
    allowed = ("  Buy milk  ", "Buy milk")
    later, shown = stored(client, f"/todos/{todo['id']}", [])
    later.that(todo.get("title") in allowed and shown.get("title") == todo.get("title"),
               'the title "  Buy milk  " as sent, or trimmed to "Buy milk", in the answer to '
               "the POST and on a later GET",
               got=f"POST answered {show_json(todo.get('title'))}, GET shows "
                   f"{show_json(shown.get('title'))}")


def test_list_shows_created_todos(client):
    """GET /todos lists every to-do created so far, as a JSON list"""
    first = create(client, "Buy milk")
    second = create(client, "Walk the dog")
    response = client.get("/todos")
    check = expect(response).status(200)
    items = check.json()
    check.that(isinstance(items, list), "a JSON list ([...]) of to-dos")
    found = sorted(((item.get("id"), item.get("title"), item.get("done")) for item in items
                    if isinstance(item, dict)), key=show_json)
    wanted = sorted([(first["id"], "Buy milk", False), (second["id"], "Walk the dog", False)],
                    key=show_json)
    check.that(
        len(items) == 2 and found == wanted,
        f"exactly the two to-dos just created (ids {first['id']} and {second['id']}, "
        "titles \"Buy milk\" and \"Walk the dog\", both \"done\": false)",
    )


def test_get_one_todo(client):
    """GET /todos/<id> answers 200 with that to-do"""
    create(client, "Buy milk")
    second = create(client, "Walk the dog")
    response = client.get(f"/todos/{second['id']}")
    expect(response).status(200).json_includes(
        {"id": second["id"], "title": "Walk the dog", "done": False})


# ------------------------------------------------------------------------------------ update


def test_put_changes_title(client):
    """PUT /todos/<id> with a new title answers 200 and the changed to-do, and later GETs show it"""
    todo = create(client, "Buy milk")
    url = f"/todos/{todo['id']}"
    put = client.put(url, json={"title": "Buy oat milk"})
    answer = expect(put).status(200)
    answer.that(answer.json_object().get("title") == "Buy oat milk"
                and answer.json_object().get("id") == todo["id"],
                'the changed to-do in the answer, with "title": "Buy oat milk"',
                help="Answer the PUT with the to-do as it now is.")
    later, shown = stored(client, url, [put])
    later.that(shown.get("title") == "Buy oat milk",
               'the new title "Buy oat milk" on a GET after the PUT',
               help="Change the stored to-do itself; a changed copy disappears when the view "
                    "returns.")
    listing = expect(client.get("/todos"), after=[put])
    items = listing.status(200).json()
    titles = [item.get("title") for item in items if isinstance(item, dict)
              and item.get("id") == todo["id"]] if isinstance(items, list) else None
    listing.that(titles == ["Buy oat milk"],
                 f'to-do {todo["id"]} in the list with the new title "Buy oat milk"',
                 got=f"titles {show_json(titles)} for that id",
                 help="The list and the single to-do must show the same stored dict: keep each "
                      "to-do in one place, and change it there.")


def test_put_title_keeps_done(client):
    """PUT with only a new title leaves "done" as it was"""
    todo = create(client, "Buy milk")
    url = f"/todos/{todo['id']}"
    first = client.put(url, json={"done": True})
    expect(first).status(200)
    put = client.put(url, json={"title": "Buy oat milk"})
    expect(put, after=[first]).status(200)
    later, shown = stored(client, url, [first, put])
    later.that(shown.get("done") is True and shown.get("title") == "Buy oat milk",
               '"done": true still, and "title": "Buy oat milk"',
               got=f"the to-do {show_json(shown)}",
               help="Change only the fields the request sends; \"done\" was not sent, so it "
                    "keeps its value.")


def test_put_done_keeps_title(client):
    """PUT /todos/<id> with only {"done": true} marks it done and keeps the title; false undoes it"""
    todo = create(client, "Buy milk")
    url = f"/todos/{todo['id']}"
    put = client.put(url, json={"done": True})
    expect(put).status(200)
    later, shown = stored(client, url, [put])
    later.that(
        shown.get("done") is True and shown.get("title") == "Buy milk",
        'the to-do with "done": true and its title still "Buy milk" on a GET after the PUT',
        help="Change only the fields the request sends; a field that is not sent keeps its value."
        if shown.get("title") != "Buy milk" else
        'Read "done" from the body and change the stored to-do itself, not a copy of it.',
    )
    undo = client.put(url, json={"done": False})
    expect(undo, after=[put]).status(200)
    later, shown = stored(client, url, [put, undo])
    later.that(shown.get("done") is False, '"done": false again after PUT {"done": false}',
               got=f"the to-do {show_json(shown)}",
               help="false is a valid value of done: store it (test `\"done\" in data`, not the "
                    "truth of data.get(\"done\")).")


def test_put_empty_title_is_json_400(client):
    """PUT with an empty or non-text title answers 400 as JSON and leaves the to-do unchanged"""
    todo = create(client, "Buy milk")
    url = f"/todos/{todo['id']}"
    for label, title in (*EMPTY_STRINGS, *NOT_A_STRING):
        put = client.put(url, json={"title": title})
        expect(put).status(400, help=f"The title is {label}: the same rules as for POST.")
        expect(put).json_error(400)
        expect_unchanged(client, url, put, "Buy milk", False, f"title is {label}")


def test_put_bad_done_is_json_400(client):
    """PUT with a "done" that is not true or false answers 400 as JSON and changes nothing"""
    todo = create(client, "Buy milk")
    url = f"/todos/{todo['id']}"
    for label, done in NOT_A_BOOLEAN:
        put = client.put(url, json={"done": done})
        expect(put).status(400, help=f'"done" is {label}: only true or false will do.')
        expect(put).json_error(400)
        expect_unchanged(client, url, put, "Buy milk", False, f"done is {label}")


def test_half_wrong_put_changes_nothing(client):
    """a PUT with one good and one bad field answers 400 and changes neither"""
    todo = create(client, "Buy milk")
    url = f"/todos/{todo['id']}"
    for label, body in (('good done, empty title', {"done": True, "title": ""}),
                        ('good title, done "yes"', {"title": "Buy oat milk", "done": "yes"})):
        put = client.put(url, json=body)
        expect(put).status(400, help=f"The body has a {label}: refuse all of it.")
        expect(put).json_error(400)
        expect_unchanged(client, url, put, "Buy milk", False, label)


def test_put_body_not_an_object_is_json_400(client):
    """PUT with a body that is not a JSON object answers 400 (or 415) as JSON, never a 500"""
    todo = create(client, "Buy milk")
    url = f"/todos/{todo['id']}"
    for group, codes in (((*JSON_BUT_NOT_AN_OBJECT, *BROKEN_JSON), (400,)),
                         (NOT_JSON_AT_ALL, (400, 415))):
        for label, kwargs in group:
            put = client.put(url, **kwargs)
            expect(put).status(*codes, help=f"The body is {label}. Read it with "
                               "request.get_json(silent=True) and refuse anything but a dict.")
            expect(put).json_error(*codes)
            expect_unchanged(client, url, put, "Buy milk", False, label)


def test_put_with_nothing_to_change(client):
    """PUT {} changes nothing: a JSON 400, or 200 with the unchanged to-do"""
    todo = create(client, "Buy milk")
    url = f"/todos/{todo['id']}"
    put = client.put(url, json={})
    answer = expect(put).status(200, 400)
    if put.status_code == 400:
        answer.json_error(400)
    else:
        answer.json_includes({"id": todo["id"], "title": "Buy milk", "done": False})
    expect_unchanged(client, url, put, "Buy milk", False, "an empty object")


# ------------------------------------------------------------------------------------ delete


def test_delete_answers_204_empty_or_200_json(client):
    """DELETE /todos/<id> answers 204 with an empty body, or 200 with a JSON body"""
    todo = create(client, "Buy milk")
    deleted = expect(client.delete(f"/todos/{todo['id']}")).status(200, 204)
    if deleted.response.status_code == 204:
        deleted.that(deleted.body_text() == "", "an empty body with the 204")
    else:
        deleted.json(help="A 200 from DELETE carries JSON (the deleted to-do, or a message); "
                          "or answer 204 with an empty body: return \"\", 204.")


def test_delete_removes_todo(client):
    """DELETE /todos/<id> removes that to-do and no other; GET, PUT and DELETE of it are then 404"""
    a, b, c = (create(client, title) for title in ("Buy milk", "Walk the dog", "Water plants"))
    steps = []
    for gone in (a, b):
        deleted = client.delete(f"/todos/{gone['id']}")
        expect(deleted, after=steps).status(200, 204)
        steps.append(deleted)
        after = expect(client.get(f"/todos/{gone['id']}"), after=steps)
        after.that(after.response.status_code == 404,
                   f"status 404 for to-do {gone['id']}, which was just deleted",
                   help="Find the to-do by its id and remove that one from the store itself "
                        "(not from a copy, not by its position in a list).")
    for gone in (a, b):
        put = client.put(f"/todos/{gone['id']}", json={"title": "Back again"})
        expect(put, after=steps).json_error(
            404, help="A deleted to-do is gone for PUT and DELETE too: look it up the same way "
                      "for every method.")
        steps.append(put)
        expect(client.delete(f"/todos/{gone['id']}"), after=steps).json_error(404)
        expect(client.get(f"/todos/{gone['id']}"), after=steps).status(404)
    kept = expect(client.get(f"/todos/{c['id']}"), after=steps)
    kept.status(200).json_includes({"id": c["id"], "title": "Water plants"})
    listing = expect(client.get("/todos"), after=steps)
    items = listing.status(200).json()
    ids = [item.get("id") for item in items if isinstance(item, dict)] \
        if isinstance(items, list) else None
    listing.that(ids == [c["id"]], f"a list holding only to-do {c['id']} after the deletes",
                 got=f"ids {show_json(ids)}")


def test_ids_are_not_reused_after_delete(client):
    """ids are never reused: after deleting the newest to-do, the next one gets a new id"""
    first = create(client, "Buy milk")
    second = create(client, "Walk the dog")
    expect(client.delete(f"/todos/{second['id']}")).status(200, 204)
    third = create(client, "Water the plants")
    used = [first["id"], second["id"]]
    if third["id"] in used:
        fail(f"an id other than {show_json(used)} for the third to-do",
             got=f"id {third['id']}, the same id as an earlier to-do",
             request=(f"POST /todos (got id {first['id']}), POST /todos (got id {second['id']}), "
                      f"DELETE /todos/{second['id']}, then POST /todos {{\"title\": "
                      f"\"Water the plants\"}}"),
             help="An id computed from len(todos) or from the largest id goes down when a to-do "
                  "is deleted. Keep a counter that only goes up.")


# ------------------------------------------------------------------------------------ errors


def test_unknown_id_is_json_404(client):
    """GET /todos/<id> of an id that does not exist (999, abc) answers 404 as JSON"""
    create(client, "Buy milk")
    for todo_id in UNKNOWN_IDS:
        expect(client.get(f"/todos/{todo_id}")).json_error(404)


def test_put_and_delete_unknown_id_are_json_404(client):
    """PUT and DELETE of an id that does not exist (999, abc) answer 404 as JSON"""
    create(client, "Buy milk")
    for todo_id in UNKNOWN_IDS:
        expect(client.put(f"/todos/{todo_id}", json={"title": "Buy oat milk"})).json_error(404)
        expect(client.delete(f"/todos/{todo_id}")).json_error(404)


def test_missing_title_is_json_400(client):
    """POST /todos without a title answers 400 as JSON, not a 500"""
    for body in ({"done": False}, {}):
        expect(client.post("/todos", json=body)).json_error(400)


def test_blank_title_is_json_400(client):
    """POST /todos with an empty or all-spaces title answers 400 as JSON"""
    for label, title in EMPTY_STRINGS:
        response = client.post("/todos", json={"title": title})
        expect(response).status(400, help=f"The title is {label}: nothing is left after .strip().")
        expect(response).json_error(400)


def test_non_text_title_is_json_400(client):
    """POST /todos with a title that is not text (null, a number, a list) answers 400 as JSON"""
    for label, title in NOT_A_STRING:
        response = client.post("/todos", json={"title": title})
        expect(response).status(400, help=f"The title is {label}: check isinstance(title, str) "
                                          "before anything else.")
        expect(response).json_error(400)


def test_malformed_json_is_json_400(client):
    """POST /todos with broken JSON answers 400 as JSON, not a 500"""
    for label, kwargs in BROKEN_JSON:
        response = client.post("/todos", **kwargs)
        expect(response).status(400, help=f"The body is {label}.")
        expect(response).json_error(400)


def test_plain_text_body_is_json_400(client):
    """POST /todos with a body that is not JSON (plain text, a form, none) answers 400 or 415 as JSON"""
    for label, kwargs in NOT_JSON_AT_ALL:
        response = client.post("/todos", **kwargs)
        # 415 Unsupported Media Type is what get_json() raises by default; as JSON it is fine too.
        expect(response).status(400, 415, help=f"The body is {label}.")
        expect(response).json_error(400, 415)


def test_json_not_an_object_is_json_400(client):
    """POST /todos with JSON that is not an object (a list, a string, a number) answers 400 as JSON"""
    for label, kwargs in JSON_BUT_NOT_AN_OBJECT:
        response = client.post("/todos", **kwargs)
        expect(response).status(400, help=f"The body is {label}: check isinstance(data, dict).")
        expect(response).json_error(400)


def test_wrong_method_is_405(client):
    """PATCH /todos and DELETE /todos answer 405 Method Not Allowed, as JSON"""
    for response in (client.patch("/todos", json={"title": "Buy milk"}), client.delete("/todos")):
        expect(response).status(405)
        expect(response).json_error(405)


def test_405_keeps_the_allow_header(client):
    """a 405 made JSON lists the methods that URL accepts in its Allow header, not the refused one"""
    todo = create(client, "Buy milk")
    member = f"/todos/{todo['id']}"
    for method, url, accepted in (("PATCH", "/todos", {"GET", "POST"}),
                                  ("POST", member, {"GET", "PUT", "DELETE"})):
        response = client.open(url, method=method, json={"title": "Buy milk"})
        e = expect(response).status(405)
        e.json_error(405)
        allow = {m.strip().upper() for m in response.headers.get("Allow", "").split(",")}
        e.that(accepted <= allow and method not in allow,
               f"an Allow header naming {', '.join(sorted(accepted))}, the methods {url} "
               f"accepts, and not {method}",
               got=f"Allow: {response.headers.get('Allow')!r}",
               help="Flask's 405 carries an Allow header made for the URL asked for; a handler "
                    "that returns a new ({...}, code), or writes the header itself, loses it. "
                    "Start from error.get_response() and swap its body.")


def test_head_changes_nothing(client):
    """HEAD /todos and HEAD /todos/<id> answer 200 and change nothing, even with a JSON body"""
    todo = create(client, "Buy milk")
    member = f"/todos/{todo['id']}"
    steps = []
    for url, body in (("/todos", None), ("/todos", {"title": "Walk the dog"}),
                      (member, None), (member, {"title": "Buy oat milk", "done": True})):
        response = client.head(url) if body is None else client.head(url, json=body)
        expect(response, after=steps).status(
            200, help="Flask answers HEAD with the view that answers GET (the body is left "
                      "out). A view that takes several methods must test for the one that "
                      "writes (request.method == \"POST\"), never send every other method to it.")
        steps.append(response)
    listing = expect(client.get("/todos"), after=steps)
    items = listing.status(200).json()
    listing.that(items == [{**todo, "title": "Buy milk", "done": False}],
                 f"only the to-do made before, unchanged: {show_json([todo])}",
                 got=show_json(items),
                 help="HEAD is GET without the body: it reads and never changes anything.")
