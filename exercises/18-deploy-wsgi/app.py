"""Lesson 18: make the widgets API ready for a production WSGI server.

    GET  /health             200  {"status": "ok"}
    GET  /widgets            200  [{"id": 1, "name": "Sprocket"}, ...]
    POST /widgets            201  the new widget; 422 when the name is missing
    GET  /widgets/<id>       200  the widget; 404 when there is none

Run it now:  python app.py   or   flask --app app run --debug
The goal:    SECRET_KEY=... waitress-serve --listen=127.0.0.1:8080 --call app:create_app

The routes work. What is missing is everything a server needs (see the TODOs here and in
config.py, logs.py and errors.py).
"""

from flask import Flask

import errors
import logs
import widgets
from config import Config


# TODO: def environment_name(): which config to use.
#   - the APP_ENV environment variable, if it is set ("production" or "development";
#     anything else is a typo: raise an error rather than guess);
#   - otherwise "development" if Flask's debug flag is on (flask.helpers.get_debug_flag(),
#     which is what `flask run --debug` sets);
#   - otherwise "production": a server started with no settings gets the safe config.


def create_app(config=None):
    """Build the app. waitress-serve --call app:create_app calls it with no arguments."""
    # TODO: pick the config class with environment_name(), not always Config.
    # TODO: in production, configure logging first (logs.configure_logging), before
    #       app.logger is used.
    app = Flask(__name__)
    app.config.from_object(Config)
    # TODO: in production, SECRET_KEY = os.environ.get("SECRET_KEY"), with no fallback.
    if config:
        app.config.from_mapping(config)
    # TODO: no SECRET_KEY by now? Raise an error that names SECRET_KEY: refuse to start.

    logs.init_app(app)
    errors.register_error_handlers(app)
    widgets.init_app(app)
    app.register_blueprint(widgets.bp)
    return app


if __name__ == "__main__":
    # Development only: Flask's own server with the debugger. A WSGI server never runs this
    # block; it imports the module and calls create_app() itself.
    create_app().run(debug=True)
