from datetime import datetime, timezone

from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


def naive_utc_now():
    """UTC without a zone attached: SQLite hands it back this way anyway."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


class Post(db.Model):
    __tablename__ = "post"
    __table_args__ = {"sqlite_autoincrement": True}

    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(200), nullable=False)
    slug = db.Column(db.String(200), nullable=False, unique=True, index=True)
    content = db.Column(db.Text, nullable=False)
    created_at = db.Column(db.DateTime, nullable=False, default=naive_utc_now)

    def to_dict(self):
        return dict(id=self.id, title=self.title, slug=self.slug, content=self.content,
                    created_at=self.created_at.isoformat())
