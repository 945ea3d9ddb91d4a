"""The vault blueprint. Passwords are SHA-256'd, base64'd, then bcrypt'd: no 72-byte limit."""

import base64
import hashlib
import secrets
from datetime import datetime, timedelta, timezone
from functools import wraps

import bcrypt
import jwt
from flask import Blueprint, current_app, g, request


class ApiError(Exception):
    def __init__(self, status, message):
        super().__init__(message)
        self.status, self.message = status, message


def _prehash(password):
    return base64.b64encode(hashlib.sha256(password.encode()).digest())


def _claims_from_request():
    header = request.headers.get("Authorization", "")
    parts = header.split()
    if len(parts) != 2 or parts[0].lower() != "bearer":
        raise ApiError(401, "missing bearer token")
    try:
        return jwt.decode(parts[1], current_app.config["SECRET_KEY"], algorithms=["HS256"])
    except jwt.ExpiredSignatureError:
        raise ApiError(401, "token expired") from None
    except jwt.InvalidTokenError:
        raise ApiError(401, "bad token") from None


def require_scope(scope):
    def wrap(view):
        @wraps(view)
        def inner(*a, **kw):
            claims = _claims_from_request()
            if "exp" not in claims:
                raise ApiError(401, "bad token")
            if scope not in claims.get("scopes", []):
                raise ApiError(403, "insufficient scope")
            g.claims = claims
            return view(*a, **kw)
        return inner
    return wrap


def make_blueprint(users_config, rounds, documents_config=()):
    """A fresh blueprint per app: its user table and documents live in this closure."""
    bp = Blueprint("vault", __name__)
    users = {name: (bcrypt.hashpw(_prehash(u["password"]), bcrypt.gensalt(rounds)),
                    list(u["scopes"]), int(u["clearance"]))
             for name, u in users_config.items()}
    decoy = bcrypt.hashpw(_prehash(secrets.token_hex(8)), bcrypt.gensalt(rounds))
    documents = [dict(doc, id=i) for i, doc in enumerate(documents_config, start=1)]

    @bp.post("/token")
    def token():
        body = request.get_json(silent=True)
        if (not isinstance(body, dict) or not isinstance(body.get("username"), str)
                or not body["username"] or not isinstance(body.get("password"), str)):
            raise ApiError(400, "username and password required")
        record = users.get(body["username"])
        good = bcrypt.checkpw(_prehash(body["password"]), record[0] if record else decoy)
        if not (record and good):
            raise ApiError(401, "Invalid username or password.")
        expires = datetime.now(timezone.utc) + timedelta(minutes=current_app.config["TOKEN_MINUTES"])
        claims = {"sub": body["username"], "scopes": record[1], "clearance": record[2],
                  "exp": expires}
        return {"access_token": jwt.encode(claims, current_app.config["SECRET_KEY"], "HS256"),
                "token_type": "bearer"}

    @bp.get("/documents")
    @require_scope("documents:read")
    def list_documents():
        items = [d for d in documents if d["secret_level"] <= g.claims["clearance"]]
        return {"items": items, "count": len(items)}

    @bp.post("/documents")
    @require_scope("documents:write")
    def create_document():
        body = request.get_json(silent=True)
        if not isinstance(body, dict):
            raise ApiError(400, "a JSON object is required")
        level = body.get("secret_level")
        texts_ok = all(isinstance(body.get(k), str) and body[k].strip() for k in ("title", "content"))
        if type(level) is not int or level < 0 or not texts_ok:
            raise ApiError(400, "title, content and an integer secret_level are required")
        if level > g.claims["clearance"]:
            raise ApiError(403, "secret_level above your clearance")
        doc = {"id": len(documents) + 1, "title": body["title"], "content": body["content"],
               "secret_level": level}
        documents.append(doc)
        return doc, 201

    @bp.get("/admin/users")
    @require_scope("admin")
    def admin_users():
        return {"users": {name: {"scopes": r[1], "clearance": r[2]} for name, r in users.items()}}

    return bp
