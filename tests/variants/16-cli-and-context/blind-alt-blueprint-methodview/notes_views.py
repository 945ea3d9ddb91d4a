"""The HTTP side: GET and POST /notes as one MethodView."""

from flask import Blueprint, abort, jsonify, request
from flask.views import MethodView
from werkzeug.exceptions import BadRequest

import notes_store

bp = Blueprint("notes_api", __name__)


def _text_from(payload) -> str:
    if not isinstance(payload, dict):
        abort(400, "The body must be a JSON object.")
    text = payload.get("text")
    if not isinstance(text, str):
        abort(400, "text must be a string.")
    text = text.strip()
    if not text:
        abort(400, "text must not be blank.")
    return text


class NotesAPI(MethodView):
    def get(self):
        return jsonify(notes_store.all_notes())

    def post(self):
        text = _text_from(request.get_json(silent=True))
        return jsonify(notes_store.insert(text)), 201


bp.add_url_rule("/notes", view_func=NotesAPI.as_view("notes"))


@bp.errorhandler(BadRequest)
def bad_request(error):
    return jsonify(error=error.description), 400
