"""Problem details by subclassing Werkzeug's HTTP exceptions; one handler renders them all."""

from flask import json
from werkzeug.exceptions import HTTPException, TooManyRequests, Unauthorized, UnprocessableEntity


class ValidationFailed(UnprocessableEntity):
    name = "Validation Error"

    def __init__(self, missing):
        super().__init__(f"Missing or empty: {', '.join(missing)}.")
        self.extra = {"missing_fields": list(missing)}


class InvalidCredentials(Unauthorized):
    name = "Invalid Credentials"

    def __init__(self):
        super().__init__("Invalid email or password.")


class TooManyAttempts(TooManyRequests):
    def __init__(self, wait):
        # Werkzeug turns retry_after into the Retry-After header.
        super().__init__(f"Too many login attempts. Try again in {wait} s.", retry_after=wait)


def register(app):
    @app.errorhandler(HTTPException)
    def render(exc):
        body = {
            "type": "https://flaskcourse.example/problems/" + exc.name.lower().replace(" ", "-"),
            "title": exc.name,
            "status": exc.code,
            "detail": exc.description,
            **getattr(exc, "extra", {}),
        }
        response = exc.get_response()
        response.set_data(json.dumps(body))
        response.content_type = "application/problem+json"
        return response
