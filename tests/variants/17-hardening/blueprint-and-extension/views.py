from flask import Blueprint, current_app, redirect, render_template, request, url_for

bp = Blueprint("profile", __name__)


@bp.route("/profile", methods=["GET", "POST"])
def edit():
    store = current_app.extensions["profile"]
    if request.method == "POST":
        name = request.form.get("display_name", "").strip()
        if not 0 < len(name) <= 50:
            return render_template("profile.html", name=store["display_name"]), 422
        store["display_name"] = name
        return redirect(url_for("profile.edit"))
    return render_template("profile.html", name=store["display_name"])
