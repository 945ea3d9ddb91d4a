"""The blog's data: the `db` object and the Post model.

`db` is created here, without an app, and attached to each app in create_app() with
db.init_app(app). That is what lets one module serve many apps: the checks build a fresh one
for every test, each with its own database file.
"""

from datetime import datetime, timezone  # noqa: F401  (you will need them for created_at)

from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


class Post(db.Model):
    # Flask-SQLAlchemy names the table after the class: "post".
    id = db.Column(db.Integer, primary_key=True)  # the database hands out the ids

    # TODO: add the other columns:
    #   title       a string of up to 200 characters, required (nullable=False)
    #   slug        the same, and unique: the database itself must refuse a second "hello-world"
    #   content     a Text column, required
    #   created_at  a DateTime, filled in by a default when the row is inserted. Pass a
    #               *function* as the default (called for every new post), not a value
    #               computed once when this module is imported.

    def to_dict(self):
        # TODO: return the post as a dict of plain values: id, title, slug, content and
        #       created_at. jsonify cannot serialise a Post object, and a datetime left in the
        #       dict comes out as "Tue, 25 Nov 2025 09:30:00 GMT": send ISO 8601 text instead.
        return {"id": self.id}
