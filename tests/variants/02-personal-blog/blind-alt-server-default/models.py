from datetime import timezone

from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


class Post(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(200), nullable=False)
    slug = db.Column(db.String(200), nullable=False, unique=True)
    content = db.Column(db.Text, nullable=False)
    # SQLite's CURRENT_TIMESTAMP is the current UTC time, set by the database on INSERT.
    created_at = db.Column(db.DateTime(timezone=True), nullable=False,
                           server_default=db.func.current_timestamp())

    def to_dict(self):
        created = self.created_at
        if created.tzinfo is None:
            created = created.replace(tzinfo=timezone.utc)
        return {"id": self.id, "title": self.title, "slug": self.slug,
                "content": self.content, "created_at": created.isoformat()}
