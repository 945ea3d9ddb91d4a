from datetime import datetime, timezone

from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import String, Text, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)


class Post(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(200), unique=True)
    content: Mapped[str] = mapped_column(Text)
    # CURRENT_TIMESTAMP, computed by SQLite itself (in UTC) when the row is inserted.
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())

    def as_json(self):
        stamp = self.created_at.replace(tzinfo=timezone.utc).isoformat(timespec="seconds")
        return dict(id=self.id, title=self.title, slug=self.slug, content=self.content,
                    created_at=stamp)
