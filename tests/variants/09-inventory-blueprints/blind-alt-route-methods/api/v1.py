from itertools import islice

from flask import Blueprint

from api.pagination import page_args
from inventory import all_items

bp = Blueprint("v1", __name__)


@bp.route("/items", methods=["GET"])
def list_items():
    offset, limit = page_args()
    return list(islice(all_items(), offset, offset + limit))
