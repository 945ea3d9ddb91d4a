"""The blog's data: the `db` object and the Post model.

`db` is created here, without an app, and attached to each app in create_app() with
db.init_app(app). That is what lets one module serve many apps: the checks build a fresh one
for every test, each with its own database file.
"""

from datetime import datetime, timezone

from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


def utc_now():
    """The current time in UTC, with its time zone attached."""
    # datetime.utcnow() would do too, but it returns a naive value and is deprecated since
    # Python 3.12. Pass this function itself to the column's default (no parentheses), so it
    # is called for every new post, not once when the module is imported.
    return datetime.now(timezone.utc)


def iso_utc(moment):
    """A datetime as ISO 8601 text with its offset, e.g. 2025-11-25T09:30:00.123456+00:00."""
    # SQLite has no time zone type: a value read back from it is naive even though we stored
    # UTC. Say so explicitly, so a client never has to guess which zone the time is in.
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.isoformat()


class Post(db.Model):
    # Flask-SQLAlchemy names the table after the class: "post".
    id = db.Column(db.Integer, primary_key=True)  # the database hands out the ids
    title = db.Column(db.String(200), nullable=False)
    # unique=True becomes a UNIQUE constraint in the table itself. Even two requests that
    # arrive at the same instant cannot both store "hello-world": the database refuses the
    # second one, and the view turns that refusal into a 409.
    slug = db.Column(db.String(200), unique=True, nullable=False)
    content = db.Column(db.Text, nullable=False)
    created_at = db.Column(db.DateTime(timezone=True), nullable=False, default=utc_now)

    def to_dict(self):
        """The post as plain JSON-ready values: jsonify cannot serialise a model object."""
        return {
            "id": self.id,
            "title": self.title,
            "slug": self.slug,
            "content": self.content,
            # Left as a datetime, Flask would write it as an HTTP date ("Tue, 25 Nov 2025
            # 09:30:00 GMT"): readable, but not what JavaScript or Python parse by default.
            "created_at": iso_utc(self.created_at),
        }
