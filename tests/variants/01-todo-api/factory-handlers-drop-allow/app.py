from flask import Blueprint, Flask, abort, current_app, jsonify, request

bp = Blueprint("todos", __name__, url_prefix="/todos")


class Store:
    def __init__(self):
        self.items = {}
        self.last_id = 0

    def add(self, title):
        self.last_id += 1
        self.items[self.last_id] = {"id": self.last_id, "title": title, "done": False}
        return self.items[self.last_id]

    def get(self, todo_id):
        if todo_id not in self.items:
            abort(404, f"to-do {todo_id} not found")
        return self.items[todo_id]


def store():
    return current_app.extensions["todo_store"]


def body():
    if not request.is_json:
        abort(415, "Content-Type must be application/json")
    data = request.get_json()  # malformed JSON raises BadRequest (400)
    if not isinstance(data, dict):
        abort(400, "body must be a JSON object")
    return data


def valid_title(data):
    title = data.get("title")
    if not isinstance(title, str) or title.strip() == "":
        abort(400, "title is required")
    return title.strip()


@bp.route("", methods=["GET"])
def index():
    return jsonify(list(store().items.values()))


@bp.route("", methods=["POST"])
def create():
    todo = store().add(valid_title(body()))
    return jsonify(todo), 201


@bp.route("/<int:todo_id>", methods=["GET"])
def show(todo_id):
    return jsonify(store().get(todo_id))


@bp.route("/<int:todo_id>", methods=["PUT"])
def update(todo_id):
    todo = store().get(todo_id)
    data = body()
    new = {}
    if "title" in data:
        new["title"] = valid_title(data)
    if "done" in data:
        if type(data["done"]) is not bool:
            abort(400, "done must be a boolean")
        new["done"] = data["done"]
    if not new:
        abort(400, "nothing to update")
    todo.update(new)
    return jsonify(todo)


@bp.route("/<int:todo_id>", methods=["DELETE"])
def destroy(todo_id):
    todo = store().get(todo_id)
    del store().items[todo_id]
    return jsonify(deleted=todo)


def create_app(config=None):
    app = Flask(__name__)
    if config:
        app.config.update(config)
    app.extensions["todo_store"] = Store()
    app.register_blueprint(bp)

    for code in (400, 404, 405, 415):
        @app.errorhandler(code)
        def as_json(error):
            return jsonify(error=error.description), error.code

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
