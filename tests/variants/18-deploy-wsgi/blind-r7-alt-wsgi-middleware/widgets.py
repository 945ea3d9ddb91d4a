import threading

from flask import Blueprint, current_app, jsonify, request

from errors import ApiProblem

api = Blueprint("api", __name__)


class WidgetList:
    """Widgets in a list; a widget's id is its position + 1 (nothing is ever deleted)."""

    def __init__(self):
        self.items = []
        self.lock = threading.Lock()

    def append(self, name):
        with self.lock:
            widget = {"id": len(self.items) + 1, "name": name}
            self.items.append(widget)
            return widget

    def at(self, widget_id):
        with self.lock:
            if 1 <= widget_id <= len(self.items):
                return self.items[widget_id - 1]
            return None

    def snapshot(self):
        with self.lock:
            return list(self.items)


def widgets():
    return current_app.extensions["widget_list"]


@api.route("/health")
def health():
    return jsonify({"status": "ok"})


@api.route("/widgets", methods=["GET"])
def index():
    return jsonify(widgets().snapshot())


@api.route("/widgets", methods=["POST"])
def create():
    body = request.get_json(silent=True)
    name = body.get("name") if isinstance(body, dict) else None
    if not isinstance(name, str) or not name.strip():
        raise ApiProblem(422, "Unprocessable Entity", "Give a JSON object with a non-blank name.")
    name = name.strip()
    if len(name) > current_app.config["NAME_MAX"]:
        raise ApiProblem(422, "Unprocessable Entity", "The name is too long.")
    return jsonify(widgets().append(name)), 201


@api.route("/widgets/<int:widget_id>")
def show(widget_id):
    widget = widgets().at(widget_id)
    if widget is None:
        raise ApiProblem(404, "Not Found", f"Widget {widget_id} does not exist.")
    return jsonify(widget)


def init_app(app):
    app.extensions["widget_list"] = WidgetList()
    app.register_blueprint(api)
