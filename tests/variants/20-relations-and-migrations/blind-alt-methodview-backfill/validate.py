"""Checking request bodies; every problem is a BadRequest naming the field."""

from flask import request
from werkzeug.exceptions import BadRequest

MAX_STOCK = 1000000
MAX_TAG = 30


def body():
    if not request.is_json:
        raise BadRequest("the body must be JSON, sent as application/json")
    data = request.get_json(silent=True)
    if type(data) is not dict:
        raise BadRequest("the body must be a JSON object")
    return data


def text(data, key):
    value = data.get(key)
    if type(value) is not str or value.strip() == "":
        raise BadRequest(f"'{key}' is required and must be a non-blank string")
    return value.strip()


def stock(data):
    if "stock" not in data:
        return 0
    value = data["stock"]
    if type(value) is not int or value < 0 or value > MAX_STOCK:
        raise BadRequest(f"'stock' must be an integer between 0 and {MAX_STOCK}")
    return value


def is_tag_name(name):
    if type(name) is not str or not 0 < len(name) <= MAX_TAG:
        return False
    return all(word != "" and word.isascii() and word.isalnum() and word == word.lower()
               for word in name.split("-"))


def tags(data):
    if "tags" not in data:
        return []
    value = data["tags"]
    if type(value) is not list:
        raise BadRequest("'tags' must be a list")
    bad = [name for name in value if not is_tag_name(name)]
    if bad:
        raise BadRequest(f"'tags' has invalid names: {bad!r}")
    return sorted(dict.fromkeys(value))
