"""Hidden checks for lesson 01: an in-memory to-do API.

The app is imported afresh for every check, so each one starts with no to-dos. The API
contract the lesson teaches: a to-do is a JSON object with an integer "id", a "title" and a
"done" boolean; every error answers with a JSON body. How the learner gets there (decorators,
jsonify or dicts, abort or returned tuples, a list or a dict) is up to them.
"""

from __future__ import annotations

from typing import Any

from flaskcourse.checking import expect, fail, show_json

NEEDS_CREATE_HELP = (
    "This check creates a to-do first, and that did not work. Make POST /todos with "
    "{\"title\": ...} answer 201 and the new to-do with its \"id\"; then this check can test "
    "the rest."
)


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


def test_post_creates_todo_with_201(client):
    """POST /todos answers 201 with the new to-do: its integer id and its title"""
    response = client.post("/todos", json={"title": "Buy milk"})
    check = expect(response).status(201)
    todo = check.json_object()
    check.that(is_int(todo.get("id")) and todo.get("title") == "Buy milk",
               'the new to-do as a JSON object with an integer "id" and "title": "Buy milk"',
               help="Build the to-do (id, title, done), store it, and return it with 201.")


def test_list_shows_created_todos(client):
    """GET /todos lists every to-do created so far, as a JSON list"""
    first = create(client, "Buy milk")
    second = create(client, "Walk the dog")
    response = client.get("/todos")
    check = expect(response).status(200)
    items = check.json()
    check.that(isinstance(items, list), "a JSON list ([...]) of to-dos")
    found = sorted(((item.get("id"), item.get("title")) for item in items
                    if isinstance(item, dict)), key=show_json)
    wanted = sorted([(first["id"], "Buy milk"), (second["id"], "Walk the dog")], key=show_json)
    check.that(
        len(items) == 2 and found == wanted,
        f"exactly the two to-dos just created (ids {first['id']} and {second['id']}, "
        "titles \"Buy milk\" and \"Walk the dog\")",
    )


def test_get_one_todo(client):
    """GET /todos/<id> answers 200 with that to-do"""
    create(client, "Buy milk")
    second = create(client, "Walk the dog")
    response = client.get(f"/todos/{second['id']}")
    expect(response).status(200).json_includes({"id": second["id"], "title": "Walk the dog"})


def test_put_changes_title(client):
    """PUT /todos/<id> with a new title changes it, and a later GET shows the change"""
    todo = create(client, "Buy milk")
    url = f"/todos/{todo['id']}"
    put = client.put(url, json={"title": "Buy oat milk"})
    expect(put).status(200, 204)
    later = expect(client.get(url), after=[put])
    later.status(200).that(
        later.json_object().get("title") == "Buy oat milk",
        'the new title "Buy oat milk" on a GET after the PUT',
        help="Change the stored to-do itself; a changed copy disappears when the view returns.",
    )


def test_put_done_keeps_title(client):
    """PUT /todos/<id> with only {"done": true} marks it done and keeps the title"""
    todo = create(client, "Buy milk")
    url = f"/todos/{todo['id']}"
    put = client.put(url, json={"done": True})
    expect(put).status(200, 204)
    later = expect(client.get(url), after=[put])
    stored = later.status(200).json_object()
    later.that(
        stored.get("done") is True and stored.get("title") == "Buy milk",
        'the to-do with "done": true and its title still "Buy milk" on a GET after the PUT',
        help="Change only the fields the request sends; a field that is not sent keeps its value."
        if stored.get("title") != "Buy milk" else
        'Read "done" from the body and change the stored to-do itself, not a copy of it.',
    )


def test_put_empty_title_is_json_400(client):
    """PUT with an empty title answers 400 as JSON and leaves the to-do unchanged"""
    todo = create(client, "Buy milk")
    url = f"/todos/{todo['id']}"
    put = client.put(url, json={"title": "   "})
    expect(put).json_error(400)
    later = expect(client.get(url), after=[put])
    later.status(200).that(
        later.json_object().get("title") == "Buy milk",
        'the title still "Buy milk" after the refused PUT',
        help="Check the new values before changing the stored to-do.",
    )


def test_delete_removes_todo(client):
    """DELETE /todos/<id> answers 200 or 204, and a later GET of that id is 404"""
    keep = create(client, "Buy milk")
    gone = create(client, "Walk the dog")
    url = f"/todos/{gone['id']}"
    deleted = client.delete(url)
    expect(deleted).status(200, 204)
    after = expect(client.get(url), after=[deleted])
    after.that(after.response.status_code == 404,
               f"status 404 for to-do {gone['id']}, which was just deleted",
               help="Remove the to-do from the store itself, not from a copy of it.")
    listing = expect(client.get("/todos"), after=[deleted])
    items = listing.status(200).json()
    ids = [item.get("id") for item in items if isinstance(item, dict)] \
        if isinstance(items, list) else None
    listing.that(ids == [keep["id"]], f"a list holding only to-do {keep['id']} after the delete")


def test_unknown_id_is_json_404(client):
    """GET /todos/<id> of an id that does not exist answers 404 as JSON"""
    create(client, "Buy milk")
    expect(client.get("/todos/999")).json_error(404)


def test_put_and_delete_unknown_id_are_json_404(client):
    """PUT and DELETE of an id that does not exist answer 404 as JSON"""
    create(client, "Buy milk")
    expect(client.put("/todos/999", json={"title": "Buy oat milk"})).json_error(404)
    expect(client.delete("/todos/999")).json_error(404)


def test_missing_title_is_json_400(client):
    """POST /todos without a title answers 400 as JSON, not a 500"""
    expect(client.post("/todos", json={"done": False})).json_error(400)


def test_blank_title_is_json_400(client):
    """POST /todos with an empty or all-spaces title answers 400 as JSON"""
    for title in ("", "   "):
        expect(client.post("/todos", json={"title": title})).json_error(400)


def test_non_text_title_is_json_400(client):
    """POST /todos with a title that is not text (null, a list) answers 400 as JSON"""
    for title in (None, ["Buy", "milk"]):
        expect(client.post("/todos", json={"title": title})).json_error(400)


def test_malformed_json_is_json_400(client):
    """POST /todos with broken JSON answers 400 as JSON, not a 500"""
    response = client.post("/todos", data='{"title": "Buy milk"',
                           content_type="application/json")
    expect(response).json_error(400)


def test_plain_text_body_is_json_400(client):
    """POST /todos with a plain-text body (not JSON) answers 400 as JSON"""
    response = client.post("/todos", data="Buy milk", content_type="text/plain")
    # 415 Unsupported Media Type is what get_json() raises by default; as JSON it is fine too.
    expect(response).json_error(400, 415)


def test_json_not_an_object_is_json_400(client):
    """POST /todos with JSON that is not an object (a list, a string) answers 400 as JSON"""
    for body in (["Buy milk"], "Buy milk"):
        expect(client.post("/todos", json=body)).json_error(400)


def test_wrong_method_is_405(client):
    """PATCH /todos and DELETE /todos answer 405 Method Not Allowed"""
    expect(client.patch("/todos", json={"title": "Buy milk"})).status(405)
    expect(client.delete("/todos")).status(405)


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
             help="An id computed from len(todos) goes down when a to-do is deleted. Keep a "
                  "counter that only goes up.")
