"""The articles' data: the `db` object and the Article model.

`db` is made without an app and attached to each app in create_app() with db.init_app(app), so
every app the factory builds (every check, a restarted server) uses the database its config names.
"""

from datetime import datetime, timezone

from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


def utc_now():
    """The current time in UTC, with its time zone attached."""
    return datetime.now(timezone.utc)


def as_utc(moment):
    """A datetime read back from SQLite, which keeps no time zone, marked as the UTC it is."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)


class Article(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.Text, nullable=False)
    body = db.Column(db.Text, nullable=False)
    # Set when the article is created, and again by every edit: the Last-Modified of its page.
    updated_at = db.Column(db.DateTime(timezone=True), nullable=False, default=utc_now)
    # Optimistic locking. With version_id_col, SQLAlchemy counts the edits in this column and
    # writes every UPDATE as "... WHERE id = ? AND version = <the version this session read>".
    # When another request has changed the row since we read it, no row matches, and the commit
    # raises StaleDataError instead of silently overwriting the other request's edit.

    def to_dict(self):
        """The article as clients see it; the ETag is a hash of exactly this."""
        return {
            "id": self.id,
            "title": self.title,
            "body": self.body,
            "updated_at": as_utc(self.updated_at).isoformat(),
        }
