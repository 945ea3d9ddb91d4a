"""The article table, with an explicit edit counter that the PUT compares and bumps itself."""

from datetime import datetime, timezone

from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


def now_utc() -> datetime:
    return datetime.now(timezone.utc)


class Article(db.Model):
    __tablename__ = "articles"

    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.Text, nullable=False)
    body = db.Column(db.Text, nullable=False)
    updated_at = db.Column(db.DateTime, nullable=False, default=now_utc)
    revision = db.Column(db.Integer, nullable=False, default=1)

    def changed_at(self) -> datetime:
        """updated_at as an aware UTC datetime (SQLite hands it back naive)."""
        return self.updated_at.replace(tzinfo=timezone.utc)

    def as_json(self) -> dict:
        return {"id": self.id, "title": self.title, "body": self.body,
                "updated_at": self.changed_at().isoformat()}

    def tag(self) -> str:
        """The entity tag, quotes included: the revision goes up with every edit."""
        return f'"{self.id}-{self.revision}"'
