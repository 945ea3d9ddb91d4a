import json

from flask import Blueprint, current_app, jsonify, request
from flask.views import MethodView

from receiver.events import log
from signatures import is_valid

bp = Blueprint("receiver", __name__)


class WebhookAPI(MethodView):
    def post(self):
        raw = request.get_data()
        if not is_valid(current_app.config["WEBHOOK_SECRET"], raw,
                        request.headers.get("X-Webhook-Signature")):
            return jsonify(error="unauthenticated", detail="bad or missing signature"), 401
        try:
            payload = json.loads(raw)
        except ValueError:
            return jsonify(error="bad_request", detail="body is not JSON"), 400
        return jsonify(accepted=log().add(payload)), 202


bp.add_url_rule("/webhook", view_func=WebhookAPI.as_view("webhook"))


@bp.get("/admin/events")
def events():
    return jsonify(log().snapshot())
