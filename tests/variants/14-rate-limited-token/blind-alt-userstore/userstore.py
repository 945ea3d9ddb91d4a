"""Password hashes only; the plaintext never leaves the config it came in."""

import secrets

from werkzeug import security


class UserStore:
    def __init__(self, users):
        self._hashes = {self.key(email): security.generate_password_hash(password)
                        for email, password in users.items()}
        self._decoy = security.generate_password_hash(secrets.token_urlsafe(24))

    @staticmethod
    def key(email):
        return email.strip().casefold()

    def authenticate(self, email, password):
        """The account's key when the password is right, else None. Always one hash check."""
        key = self.key(email)
        stored = self._hashes.get(key)
        matches = security.check_password_hash(stored if stored is not None else self._decoy, password)
        return key if stored is not None and matches else None
