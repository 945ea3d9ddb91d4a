import math

from flask import Blueprint, abort, current_app, jsonify, request
from flask.views import MethodView
from werkzeug.exceptions import TooManyRequests

from .problems import InvalidWidget, WidgetNotFound

resources = Blueprint("resources", __name__)


def state():
    return current_app.extensions["widget_state"]


def parse_widget(payload):
    if type(payload) is not dict:
        raise InvalidWidget("The body must be a JSON object with a name and a price.")
    fields = {}
    name, price = payload.get("name"), payload.get("price")
    if type(name) is not str or name.strip() == "":
        fields["name"] = "must be a non-empty string"
    if type(price) not in (int, float) or not math.isfinite(price) or price < 0:
        fields["price"] = "must be a finite number of at least 0"
    if fields:
        raise InvalidWidget("Invalid widget: " + "; ".join(f"{k} {v}" for k, v in fields.items()) + ".",
                            fields)
    return name.strip(), price


class WidgetList(MethodView):
    def get(self):
        return jsonify(list(state().widgets.values()))

    def post(self):
        wait = state().wait_before_write(request.remote_addr)
        if wait:
            raise TooManyRequests(
                f"Only {state().limit} writes per minute are allowed; retry in {wait} seconds.",
                retry_after=wait)
        name, price = parse_widget(request.get_json())
        return jsonify(state().add(name, price)), 201


class WidgetItem(MethodView):
    def get(self, widget_id):
        widget = state().widgets.get(widget_id)
        if widget is None:
            raise WidgetNotFound(f"Widget {widget_id} does not exist.")
        return jsonify(widget)


resources.add_url_rule("/widgets", view_func=WidgetList.as_view("widgets"))
resources.add_url_rule("/widgets/<int:widget_id>", view_func=WidgetItem.as_view("widget"))


@resources.get("/debug/crash")
def crash():
    if not current_app.config["CRASH_ROUTE"]:
        abort(404)
    return {"answer": 1 / 0}
