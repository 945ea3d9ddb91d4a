from flask import Blueprint, current_app, redirect, render_template, request, url_for
from flask.views import MethodView

bp = Blueprint("account", __name__)
LONGEST = 50


class ProfileView(MethodView):
    def _store(self):
        return current_app.extensions["profile_store"]

    def get(self):
        store = self._store()
        return render_template("profile.html", name=store["name"], value=store["name"], error=None)

    def post(self):
        store = self._store()
        wanted = request.form.get("display_name", "").strip()
        if len(wanted) == 0 or len(wanted) > LONGEST:
            return render_template("profile.html", name=store["name"], value=wanted,
                                   error=f"Between 1 and {LONGEST} characters, please."), 422
        store["name"] = wanted
        return redirect(url_for("account.profile"))


bp.add_url_rule("/profile", view_func=ProfileView.as_view("profile"))
