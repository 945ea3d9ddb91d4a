"""The JSON API: who am I?"""

from flask import Blueprint
from flask_login import current_user, login_required

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.get("/me")
@login_required
def me():
    return {"username": current_user.name}
