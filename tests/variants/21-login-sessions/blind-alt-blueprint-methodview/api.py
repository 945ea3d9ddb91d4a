from flask import Blueprint
from flask.views import MethodView
from flask_login import current_user, login_required

bp = Blueprint("api", __name__, url_prefix="/api")


class MeView(MethodView):
    decorators = [login_required]

    def get(self):
        return {"username": current_user.username}


bp.add_url_rule("/me", view_func=MeView.as_view("me"))
