"""The Post model; times are stored as naive UTC and sent as ISO 8601 with a Z suffix."""

from datetime import datetime, timezone

from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


def naive_utc_now():
    return datetime.now(timezone.utc).replace(tzinfo=None)


class Post(db.Model):
    id = db.Column(db.Integer, primary_key=True, autoincrement=True)
    title = db.Column(db.Unicode(300), nullable=False)
    slug = db.Column(db.Unicode(300), nullable=False)
    content = db.Column(db.UnicodeText, nullable=False)
    created_at = db.Column(db.DateTime, nullable=False, default=naive_utc_now)

    __table_args__ = (db.UniqueConstraint("slug", name="uq_post_slug"),)

    def to_dict(self):
        stamp = self.created_at.replace(tzinfo=None).isoformat()
        return {"id": self.id, "title": self.title, "slug": self.slug,
                "content": self.content, "created_at": stamp + "Z"}
