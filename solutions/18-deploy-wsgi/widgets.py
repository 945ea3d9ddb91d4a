"""The API itself: GET /health and a tiny in-memory /widgets resource."""

import threading

from flask import Blueprint, current_app, jsonify, request, url_for

from errors import NotFound, ValidationError

bp = Blueprint("widgets", __name__)


class WidgetStore:
    """One store per app (created in create_app), so two apps never share widgets. The lock
    matters now: waitress answers requests from several threads at once."""

    def __init__(self):
        self._widgets = {}
        self._next_id = 1
        self._lock = threading.Lock()

    def add(self, name):
        with self._lock:
            widget = {"id": self._next_id, "name": name}
            self._widgets[widget["id"]] = widget
            self._next_id += 1
            return widget

    def get(self, widget_id):
        return self._widgets.get(widget_id)

    def all(self):
        with self._lock:
            return list(self._widgets.values())


def init_app(app):
    app.extensions["widgets"] = WidgetStore()


@bp.get("/health")
def health():
    # What a load balancer or an uptime monitor polls: cheap, no database, no secrets.
    return {"status": "ok"}


@bp.get("/widgets")
def list_widgets():
    return jsonify(current_app.extensions["widgets"].all())


@bp.post("/widgets")
def create_widget():
    data = request.get_json(silent=True)
    name = data.get("name") if isinstance(data, dict) else None
    if not isinstance(name, str) or not name.strip():
        raise ValidationError("Send a JSON object with a non-empty string name.")
    if len(name.strip()) > current_app.config["NAME_MAX"]:
        raise ValidationError(f"A name has at most {current_app.config['NAME_MAX']} characters.")
    widget = current_app.extensions["widgets"].add(name.strip())
    return widget, 201, {"Location": url_for("widgets.get_widget", widget_id=widget["id"])}


@bp.get("/widgets/<int:widget_id>")
def get_widget(widget_id):
    widget = current_app.extensions["widgets"].get(widget_id)
    if widget is None:
        raise NotFound(f"There is no widget with id {widget_id}.")
    return widget
