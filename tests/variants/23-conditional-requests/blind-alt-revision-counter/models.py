"""Data for the articles API: `db` and the Article model."""

from datetime import datetime, timezone

from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


def utc_now():
    return datetime.now(timezone.utc)


def as_utc(moment):
    """SQLite hands datetimes back without a zone; they are UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)


class Article(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.Text, nullable=False)
    body = db.Column(db.Text, nullable=False)
    updated_at = db.Column(db.DateTime(timezone=True), nullable=False, default=utc_now)
    # Goes up by one with every edit; the entity tag is built from it, and every UPDATE
    # names the revision it expects (see replace() in app.py).
    revision = db.Column(db.Integer, nullable=False, default=1)

    def to_dict(self):
        return {
            "id": self.id,
            "title": self.title,
            "body": self.body,
            "updated_at": as_utc(self.updated_at).isoformat(),
        }
