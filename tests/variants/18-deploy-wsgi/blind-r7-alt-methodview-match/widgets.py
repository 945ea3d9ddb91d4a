import itertools
import threading

from flask import Blueprint, current_app, jsonify, request, url_for
from flask.views import MethodView

from errors import Problem

bp = Blueprint("api", __name__)


class Store:
    def __init__(self):
        self._ids = itertools.count(1)
        self._items = {}
        self._lock = threading.Lock()

    def create(self, name):
        with self._lock:
            wid = next(self._ids)
            self._items[wid] = {"id": wid, "name": name}
            return self._items[wid]

    def find(self, wid):
        return self._items.get(wid)

    def every(self):
        with self._lock:
            return [self._items[k] for k in sorted(self._items)]


def store():
    return current_app.extensions["widget_store"]


class HealthView(MethodView):
    def get(self):
        return jsonify(status="ok")


class WidgetCollection(MethodView):
    def get(self):
        return jsonify(store().every())

    def post(self):
        payload = request.get_json(silent=True)
        if not isinstance(payload, dict):
            raise Problem(422, "Unprocessable Content", "The body must be a JSON object.")
        name = payload.get("name")
        if not isinstance(name, str) or name.strip() == "":
            raise Problem(422, "Unprocessable Content", "name must be a non-blank string.")
        name = name.strip()
        limit = current_app.config["NAME_MAX"]
        if len(name) > limit:
            raise Problem(422, "Unprocessable Content", f"name is longer than {limit} characters.")
        widget = store().create(name)
        return jsonify(widget), 201, {"Location": url_for("api.widget", wid=widget["id"])}


class WidgetItem(MethodView):
    def get(self, wid):
        widget = store().find(wid)
        if widget is None:
            raise Problem(404, "Not Found", f"No widget has id {wid}.")
        return jsonify(widget)


bp.add_url_rule("/health", view_func=HealthView.as_view("health"))
bp.add_url_rule("/widgets", view_func=WidgetCollection.as_view("widgets"))
bp.add_url_rule("/widgets/<int:wid>", view_func=WidgetItem.as_view("widget"))


def attach(app):
    app.extensions["widget_store"] = Store()
    app.register_blueprint(bp)
