from datetime import datetime, timezone

from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


def now():
    return datetime.now(timezone.utc)


class Article(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.Text, nullable=False)
    body = db.Column(db.Text, nullable=False)
    updated_at = db.Column(db.DateTime(timezone=True), nullable=False, default=now)
    # edit counter, bumped by every UPDATE; the ETag names it
    revision = db.Column(db.Integer, nullable=False, default=1)

    def as_json(self):
        moment = self.updated_at
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=timezone.utc)
        return {"id": self.id, "title": self.title, "body": self.body,
                "updated_at": moment.isoformat()}
