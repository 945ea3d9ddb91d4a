import re
import secrets
from functools import wraps
from urllib.parse import unquote

from flask import redirect, request, session, url_for
from werkzeug.security import generate_password_hash

# whitespace (any), a backslash, or a C0/C1 control character
_FORBIDDEN = re.compile(r"[\s\\\x00-\x1f\x7f-\x9f]")
# one slash, and then something other than a slash (or nothing)
_ONE_SLASH = re.compile(r"/(?!/)")


def hash_users(users):
    """(username -> hash, decoy hash): made once, when the app is built."""
    hashes = {name: generate_password_hash(pw) for name, pw in users.items()}
    return hashes, generate_password_hash(secrets.token_hex(16))


def _is_local_path(value):
    for form in (value, unquote(value)):
        if _FORBIDDEN.search(form) or not form.isprintable() or not _ONE_SLASH.match(form):
            return False
    return True


def local_path_or(value, default):
    return value if value and _is_local_path(value) else default


def login_required(view):
    @wraps(view)
    def inner(*args, **kwargs):
        if not session.get("username"):
            return redirect(url_for("show_login", next=request.path))
        return view(*args, **kwargs)
    return inner
