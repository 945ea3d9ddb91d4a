"""The article model (typed SQLAlchemy 2 style)."""

from datetime import datetime, timezone

from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)


def stamp() -> datetime:
    return datetime.now(timezone.utc)


class Article(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    body: Mapped[str]
    updated_at: Mapped[datetime] = mapped_column(default=stamp)

    def public(self) -> dict:
        moment = self.updated_at
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=timezone.utc)
        return {"id": self.id, "title": self.title, "body": self.body,
                "updated_at": moment.isoformat()}
