from flask import jsonify
from werkzeug.exceptions import HTTPException

TYPES = {
    401: ("invalid-credentials", "Invalid Credentials"),
    422: ("validation-error", "Validation Error"),
    429: ("rate-limited", "Too Many Requests"),
}


def problem(status, detail, headers=None, **members):
    slug, title = TYPES[status]
    body = {"type": f"https://flaskcourse.example/problems/{slug}", "title": title,
            "status": status, "detail": detail, **members}
    hdrs = {"Content-Type": "application/problem+json"}
    hdrs.update(headers or {})
    return jsonify(body), status, hdrs


def install_error_pages(app):
    def on_http_error(exc):
        body = {"type": "about:blank", "title": exc.name, "status": exc.code,
                "detail": exc.description}
        headers = dict(exc.get_headers())
        headers["Content-Type"] = "application/problem+json"
        return jsonify(body), exc.code, headers

    app.register_error_handler(HTTPException, on_http_error)
