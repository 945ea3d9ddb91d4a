"""The reading list in plain Flask: every job flask-smorest would do, done by hand."""

import json
import threading

from flask import Flask, abort, current_app, request, url_for
from marshmallow import ValidationError
from werkzeug.exceptions import HTTPException

import docs
from schemas import BookFilterSchema, BookSchema, PageSchema


class Unprocessable(HTTPException):
    code = 422
    description = "The request was well-formed but was unable to be followed due to semantic errors."

    def __init__(self, location, messages):
        super().__init__()
        self.errors = {location: messages}


def load(schema, data, location):
    try:
        return schema.load(data)
    except ValidationError as err:
        raise Unprocessable(location, err.messages) from None


def page_info(page, size, total):
    info = {"total": total, "total_pages": -(-total // size)}
    if total:
        last = info["total_pages"]
        info.update(first_page=1, last_page=last)
        if page <= last:
            info["page"] = page
            if page > 1:
                info["previous_page"] = page - 1
            if page < last:
                info["next_page"] = page + 1
    return info


def create_app(config=None):
    app = Flask(__name__)
    app.config.update(API_TITLE="Reading list", API_VERSION="v1")
    if config:
        app.config.update(config)
    state = {"books": {}, "next": 1, "lock": threading.Lock()}
    spec = docs.build(app.config["API_TITLE"], app.config["API_VERSION"])

    def find(book_id):
        if book_id not in state["books"]:
            abort(404, description=f"No book {book_id} on this list.")
        return state["books"][book_id]

    def body():
        return load(BookSchema(), request.get_json(), "json")

    @app.errorhandler(HTTPException)
    def as_json(error):
        payload = {"code": error.code, "status": error.name}
        if isinstance(error, Unprocessable):
            payload["errors"] = error.errors
        elif error.code == 404 and request.endpoint is not None:
            payload["message"] = error.description
        return payload, error.code

    @app.get("/openapi.json")
    def openapi():
        return spec.to_dict()

    @app.get("/api/books")
    def list_books():
        wanted = load(BookFilterSchema(), request.args, "query").get("shelf")
        paging = load(PageSchema(), request.args, "query")
        page, size = paging["page"], paging["page_size"]
        found = [b for b in state["books"].values() if wanted is None or b["shelf"] == wanted]
        chunk = found[(page - 1) * size:page * size]
        return BookSchema(many=True).dump(chunk), 200, {
            "X-Pagination": json.dumps(page_info(page, size, len(found)))}

    @app.post("/api/books")
    def add_book():
        data = body()
        with state["lock"]:
            new = {"id": state["next"], **data}
            state["books"][new["id"]] = new
            state["next"] += 1
        return BookSchema().dump(new), 201, {"Location": url_for("one_book", book_id=new["id"])}

    @app.get("/api/books/<int:book_id>")
    def one_book(book_id):
        return BookSchema().dump(find(book_id))

    @app.put("/api/books/<int:book_id>")
    def replace_book(book_id):
        data = body()
        find(book_id)
        state["books"][book_id] = {"id": book_id, **data}
        return BookSchema().dump(state["books"][book_id])

    @app.delete("/api/books/<int:book_id>")
    def delete_book(book_id):
        find(book_id)
        del state["books"][book_id]
        return "", 204

    return app
