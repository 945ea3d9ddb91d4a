"""Passwords, tokens and the scope guard for the vault, in one class per concern."""

from __future__ import annotations

import base64
import hashlib
import secrets
import time
from dataclasses import dataclass, field
from functools import wraps

import bcrypt
import jwt
from flask import current_app, g, jsonify, request

PINNED_ALGORITHM = "HS256"


def _prehash(password: str) -> bytes:
    """SHA-256 first, then base64: 44 bytes, never over bcrypt's 72, and never a NUL byte."""
    return base64.b64encode(hashlib.sha256(password.encode("utf-8")).digest())


@dataclass
class Account:
    password_hash: bytes
    scopes: list[str]
    clearance: int


@dataclass
class Vault:
    """What the app derives from its config at startup: hashed accounts and the documents."""

    rounds: int
    accounts: dict[str, Account] = field(default_factory=dict)
    documents: list[dict] = field(default_factory=list)
    next_id: int = 1
    decoy: bytes = b""

    @classmethod
    def from_config(cls, config) -> "Vault":
        vault = cls(rounds=int(config["BCRYPT_ROUNDS"]))
        for name, entry in config["USERS"].items():
            vault.accounts[name] = Account(vault._hash(entry["password"]),
                                           list(entry.get("scopes", [])),
                                           int(entry.get("clearance", 0)))
        vault.decoy = vault._hash(secrets.token_hex(16))
        for doc in config["DOCUMENTS"]:
            vault.add(doc["title"], doc["content"], doc["secret_level"], "system")
        return vault

    def _hash(self, password: str) -> bytes:
        return bcrypt.hashpw(_prehash(password), bcrypt.gensalt(rounds=self.rounds))

    def authenticate(self, username: str, password: str) -> Account | None:
        account = self.accounts.get(username)
        target = account.password_hash if account is not None else self.decoy
        ok = bcrypt.checkpw(_prehash(password), target)
        return account if (account is not None and ok) else None

    def add(self, title: str, content: str, level: int, owner: str) -> dict:
        doc = {"id": self.next_id, "title": title, "content": content,
               "secret_level": level, "owner": owner}
        self.next_id += 1
        self.documents.append(doc)
        return doc

    def visible_to(self, clearance: int) -> list[dict]:
        return [dict(d) for d in self.documents if d["secret_level"] <= clearance]


def vault() -> Vault:
    return current_app.extensions["vault"]


def problem(status: int, message: str):
    resp = jsonify({"error": message})
    resp.status_code = status
    if status == 401:
        resp.headers["WWW-Authenticate"] = "Bearer"
    return resp


def mint(username: str, account: Account) -> tuple[str, int]:
    ttl = int(current_app.config["TOKEN_EXPIRES_IN"])
    issued = int(time.time())
    token = jwt.encode({"sub": username, "scopes": list(account.scopes),
                        "clearance": account.clearance, "iat": issued, "exp": issued + ttl},
                       current_app.config["SECRET_KEY"], algorithm=PINNED_ALGORITHM)
    return token, ttl


def needs(scope: str):
    """Decorator for a view (or a MethodView method): a valid bearer token holding `scope`."""
    def decorate(fn):
        @wraps(fn)
        def guarded(*args, **kwargs):
            auth = request.authorization
            if auth is None or auth.type != "bearer" or not auth.token:
                return problem(401, "A bearer token is required.")
            try:
                claims = jwt.decode(auth.token, current_app.config["SECRET_KEY"],
                                    algorithms=[PINNED_ALGORITHM],
                                    options={"require": ["exp", "sub"]})
            except jwt.ExpiredSignatureError:
                return problem(401, "Token expired.")
            except jwt.InvalidTokenError:
                return problem(401, "Token invalid.")
            scopes = claims.get("scopes")
            clearance = claims.get("clearance")
            if not isinstance(scopes, list) or not isinstance(clearance, int) or isinstance(clearance, bool):
                return problem(401, "Token invalid.")
            if scope not in scopes:
                return problem(403, f"Missing scope {scope}.")
            g.user = {"username": claims["sub"], "scopes": scopes, "clearance": clearance}
            return fn(*args, **kwargs)
        return guarded
    return decorate
