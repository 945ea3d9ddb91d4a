from flask import Blueprint, render_template, session
from flask.views import MethodView

from auth import MEMBER, login_required

members = Blueprint("members", __name__)


class DashboardView(MethodView):
    decorators = [login_required]

    def get(self):
        return render_template("members.html", member=session[MEMBER])


members.add_url_rule("/dashboard", view_func=DashboardView.as_view("dashboard"))
