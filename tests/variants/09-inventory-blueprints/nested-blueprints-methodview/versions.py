import re

from flask import Blueprint, current_app, jsonify, request
from flask.views import MethodView

api = Blueprint("api", __name__)
v1 = Blueprint("v1", __name__)
v2 = Blueprint("v2", __name__)


class BadParameter(Exception):
    def __init__(self, name, raw):
        super().__init__(name)
        self.name, self.raw = name, raw


@api.errorhandler(BadParameter)
def bad_parameter(error):
    return jsonify(message=f"query parameter {error.name} is invalid: {error.raw!r}",
                   parameter=error.name), 400


def number(name, default, smallest):
    raw = request.args.get(name)
    if raw is None:
        return default
    if not re.fullmatch(r"[0-9]+", raw) or int(raw) < smallest:
        raise BadParameter(name, raw)
    return int(raw)


def window():
    return number("offset", 0, 0), min(number("limit", 10, 1), 100)


class ItemsV1(MethodView):
    def get(self):
        start, size = window()
        return jsonify(current_app.extensions["inventory"][start:start + size])


class ItemsV2(MethodView):
    def get(self):
        start, size = window()
        rows = current_app.extensions["inventory"]
        wanted = (request.args.get("category") or "").strip()
        if wanted:
            rows = [r for r in rows if r["category"].casefold() == wanted.casefold()]
        page = rows[start:start + size]
        return jsonify(items=page, total=len(rows), offset=start, limit=size,
                       has_more=start + size < len(rows))


v1.add_url_rule("/items", view_func=ItemsV1.as_view("items"))
v2.add_url_rule("/items", view_func=ItemsV2.as_view("items"))
api.register_blueprint(v1, url_prefix="/v1")
api.register_blueprint(v2, url_prefix="/v2")
