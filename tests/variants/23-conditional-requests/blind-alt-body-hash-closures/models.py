from datetime import datetime, timezone

from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


def now_utc():
    return datetime.now(timezone.utc)


class Article(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.Text, nullable=False)
    body = db.Column(db.Text, nullable=False)
    updated_at = db.Column(db.DateTime(timezone=True), nullable=False, default=now_utc)
    edits = db.Column(db.Integer, nullable=False)
    __mapper_args__ = {"version_id_col": edits}

    @property
    def changed(self):
        moment = self.updated_at
        return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)

    def public(self):
        return {"id": self.id, "title": self.title, "body": self.body,
                "updated_at": self.changed.isoformat()}
