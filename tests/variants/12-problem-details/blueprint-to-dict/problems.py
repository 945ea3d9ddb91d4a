import json

from flask import Response, current_app
from werkzeug.exceptions import HTTPException


class APIError(Exception):
    code = 500
    title = "Internal Server Error"

    def __init__(self, detail, retry_after=None):
        super().__init__(detail)
        self.detail = detail
        self.headers = {"Retry-After": str(retry_after)} if retry_after else {}

    def to_dict(self):
        return {"type": "urn:widgets:" + type(self).__name__, "title": self.title,
                "status": self.code, "detail": self.detail}


class WidgetMissing(APIError):
    code, title = 404, "Widget Not Found"


class BadWidget(APIError):
    code, title = 422, "Bad Widget"


class SlowDown(APIError):
    code, title = 429, "Too Many Requests"


def render(doc, headers=()):
    return Response(json.dumps(doc), status=doc["status"], headers=list(headers),
                    mimetype="application/problem+json")


def handle_any(error):
    if isinstance(error, APIError):
        return render(error.to_dict(), error.headers.items())
    if isinstance(error, HTTPException):
        kept = [(k, v) for k, v in error.get_headers() if k.lower() != "content-type"]
        return render({"type": "about:blank", "title": error.name, "status": error.code,
                       "detail": error.description}, kept)
    current_app.logger.error("crash while answering", exc_info=error)
    return render({"type": "about:blank", "title": "Internal Server Error", "status": 500,
                   "detail": "The server failed. We are on it."})
