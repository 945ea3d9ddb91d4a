"""Lesson 09: GET /v1/items (a plain array) and GET /v2/items (an envelope), from blueprints.

Every check's app is built with the conftest's INVENTORY: 25 items, ids 101 to 125, in four
categories. Items are compared by id, in order; the first check also compares whole items.
"""

from flaskcourse.checking import expect, fail, show_json
from flaskcourse.checking.expect import route_help

ENVELOPE_KEYS = ("items", "total", "offset", "limit", "has_more")
DEFAULT_LIMIT = 10
MAX_LIMIT = 100

CONFIG_HELP = ("The checks hand create_app their own items in config[\"INVENTORY\"] (ids from "
               "101). Read them in the view with current_app.config[\"INVENTORY\"] instead of "
               "a list of your own.")


# ---------------------------------------------------------------------------------- helpers


def ids(items):
    return [item.get("id") if isinstance(item, dict) else item for item in items]


def wanted(inventory, offset, limit, category=None):
    chosen = [i for i in inventory if category is None or i["category"] == category]
    return ids(chosen[offset:offset + limit])


def said_of(e, said):
    """Add to the request's description how the check built the app it went to."""
    if said and e.request:
        e.request = f"{e.request}   {said}"
    return e


def array(response, said=None):
    """A 200 answer whose body is a JSON array of objects with an id; returns (expect, items)."""
    __tracebackhide__ = True
    e = said_of(expect(response), said).status(200)
    body = e.json()
    if isinstance(body, dict):
        e.fail("a plain JSON array of items ([...]), not an object",
               got=f"an object with the keys {', '.join(sorted(body)) or 'none'}",
               help="v1 answers the page itself, a list; only v2 wraps it in an envelope.")
    e.that(isinstance(body, list) and all(isinstance(i, dict) and "id" in i for i in body),
           "a JSON array of item objects, each with an id")
    return e, body


def envelope(response, said=None):
    """A 200 answer with the v2 envelope; returns (expect, body)."""
    __tracebackhide__ = True
    e = said_of(expect(response), said).status(200)
    body = e.json()
    if isinstance(body, list):
        e.fail("the envelope {items, total, offset, limit, has_more}",
               got=f"a plain JSON array of {len(body)} items",
               help="v2 wraps the page in an object that also says how many items there are "
                    "in all and whether another page follows.")
    e.json_has(*ENVELOPE_KEYS)
    items = body["items"]
    e.that(isinstance(items, list) and all(isinstance(i, dict) and "id" in i for i in items),
           '"items" as a JSON array of item objects, each with an id',
           got=f'"items": {show_json(items)[:200]}')
    return e, body


def same_ids(e, got, expected, what, help=None):
    __tracebackhide__ = True
    got_ids = ids(got)
    if got_ids != expected and help is None and expected and got_ids and \
            all(isinstance(i, int) and i < 101 for i in got_ids):
        help = CONFIG_HELP
    e.that(got_ids == expected, f"{what}: the items with ids {expected}",
           got=f"the items with ids {got_ids}", help=help)


def field(e, body, key, expected, why=""):
    __tracebackhide__ = True
    e.that(body.get(key) == expected and type(body.get(key)) is type(expected),
           f'"{key}": {show_json(expected)}{why}', got=f'"{key}": {show_json(body.get(key))}')


def bad_request(client, url, name, label=None):
    """The answer is a 400 with a JSON body that names the parameter."""
    __tracebackhide__ = True
    response = client.get(url)
    e = expect(response)
    if label and e.request:
        e.request = f"{e.request}   ({label})"
    if response.status_code == 500:
        e.fail("status 400 with a JSON error, not a crash",
               help=f"Query parameters are text. Convert {name} with int() inside try/except "
                    "ValueError and answer 400 when that fails, or when the number is too small.")
    if response.status_code == 200:
        e.fail("status 400: the request asks for a page that makes no sense",
               help="request.args.get(name, type=int) quietly uses the default for bad text, "
                    "and Python slicing accepts negative numbers (counting from the end), so "
                    "check the value yourself and abort(400, ...).")
    e.json_error(400)
    e.names(name, f"a JSON error that names the parameter {name!r}")


# ------------------------------------------------------------------------------- version 1


def test_v1_returns_a_plain_array(client, inventory):
    """GET /v1/items?offset=0&limit=10 answers a plain JSON array of the first 10 items"""
    e, items = array(client.get("/v1/items?offset=0&limit=10"))
    same_ids(e, items, wanted(inventory, 0, 10), "the first 10 items")
    first = {k: items[0].get(k) for k in ("id", "name", "category", "quantity")}
    expected = {k: inventory[0][k] for k in first}
    e.that(first == expected, f"each item with its id, name, category and quantity, e.g. "
                              f"{show_json(expected)}", got=f"the first item {show_json(items[0])}")


def test_v1_pages_with_offset_and_limit(client, inventory):
    """GET /v1/items?offset=5&limit=3 answers exactly the 6th, 7th and 8th items"""
    e, items = array(client.get("/v1/items?offset=5&limit=3"))
    same_ids(e, items, wanted(inventory, 5, 3), "3 items starting after the first 5",
             help="offset is how many items to skip, limit how many to send: items[offset:"
                  "offset + limit], with both converted to int first.")


# ------------------------------------------------------------------------------- version 2


def test_v2_returns_the_envelope(client, inventory):
    """GET /v2/items?offset=5&limit=3 answers {items, total, offset, limit, has_more}"""
    e, body = envelope(client.get("/v2/items?offset=5&limit=3"))
    same_ids(e, body["items"], wanted(inventory, 5, 3), '"items"')
    field(e, body, "total", len(inventory), " (every item, not just this page)")
    field(e, body, "offset", 5, " (as a number)")
    field(e, body, "limit", 3, " (as a number)")
    field(e, body, "has_more", True)


def test_default_page_is_the_first_ten(client, inventory):
    """without offset or limit both versions answer the first 10 items"""
    e, items = array(client.get("/v1/items"))
    same_ids(e, items, wanted(inventory, 0, DEFAULT_LIMIT), "the default page of v1")
    e, body = envelope(client.get("/v2/items"))
    same_ids(e, body["items"], wanted(inventory, 0, DEFAULT_LIMIT), "the default page of v2")
    field(e, body, "offset", 0, " (the default)")
    field(e, body, "limit", DEFAULT_LIMIT, " (the default)")


def test_has_more_is_right_at_the_last_page_edge(client, inventory):
    """of 25 items, offset=15&limit=5 has has_more true and offset=20&limit=5 has it false"""
    e, body = envelope(client.get("/v2/items?offset=15&limit=5"))
    field(e, body, "has_more", True, ": items 21 to 25 are still to come")
    e, body = envelope(client.get("/v2/items?offset=0&limit=24"))
    field(e, body, "has_more", True, ": the 25th item is still to come")
    e, body = envelope(client.get("/v2/items?offset=22&limit=5"))
    same_ids(e, body["items"], wanted(inventory, 22, 5), "the last 3 items")
    field(e, body, "has_more", False, ": this page holds the last item")
    e, body = envelope(client.get("/v2/items?offset=20&limit=5"))
    same_ids(e, body["items"], wanted(inventory, 20, 5), "the last 5 items")
    e.that(body["has_more"] is False,
           '"has_more": false: this page ends exactly at the 25th and last item',
           got=f'"has_more": {show_json(body["has_more"])}',
           help="A full page is not proof that more follows. Compare with the total: "
                "offset + len(items) < total." if body["has_more"] is True else None)


def test_v2_limit_is_the_page_size_not_the_item_count(client):
    """v2's "limit" is the page size in force, also on a short last page or an empty one"""
    for query, limit, page in (("offset=22&limit=5", 5, "a last page of 3 items"),
                               ("category=Tools&offset=4&limit=4", 4, "a last page of 3 items"),
                               ("category=Toys", DEFAULT_LIMIT, "an empty page, default limit"),
                               ("offset=30&limit=10", 10, "an empty page past the end")):
        e, body = envelope(client.get(f"/v2/items?{query}"))
        got = body.get("limit")
        e.that(got == limit and type(got) is int,
               f'"limit": {limit} ({page}): the page size in force, not a count of the items',
               got=f'"limit": {show_json(got)} with {len(body["items"])} items',
               help="The envelope's limit is the page size the client pages with (offset += "
                    "limit): the limit asked for, or 10, capped at 100, however many items "
                    "this page happens to hold.")


def test_offset_past_the_end_is_an_empty_page(client, inventory):
    """offset=25 and offset=30 (at and past the end of 25 items) answer 200 with no items, in both versions"""
    for offset in (len(inventory), 30):
        e, items = array(client.get(f"/v1/items?offset={offset}&limit=10"))
        same_ids(e, items, [], "an empty page")
        e, body = envelope(client.get(f"/v2/items?offset={offset}&limit=10"))
        same_ids(e, body["items"], [], "an empty page")
        field(e, body, "total", len(inventory))
        field(e, body, "has_more", False)
    e, body = envelope(client.get(f"/v2/items?offset={len(inventory) - 1}&limit=10"))
    same_ids(e, body["items"], wanted(inventory, len(inventory) - 1, 10), "the last item alone")
    field(e, body, "has_more", False, ": nothing comes after the last item")


def test_category_filter_keeps_only_that_category(client, inventory):
    """GET /v2/items?category=Garden&limit=100 answers the Garden items and nothing else"""
    e, body = envelope(client.get("/v2/items?category=Garden&limit=100"))
    same_ids(e, body["items"], wanted(inventory, 0, 100, "Garden"), "every Garden item, in order")


def test_total_counts_the_filtered_items(client, inventory):
    """with a category, total and has_more count only the items of that category"""
    tools = len(wanted(inventory, 0, 100, "Tools"))
    e, body = envelope(client.get("/v2/items?category=Tools&limit=3"))
    same_ids(e, body["items"], wanted(inventory, 0, 3, "Tools"), "the first 3 Tools items")
    field(e, body, "total", tools, f": there are {tools} Tools items, not {len(inventory)}")
    e, body = envelope(client.get("/v2/items?category=Tools&offset=3&limit=5"))
    field(e, body, "has_more", False, f": items 4 to {tools} of {tools} Tools items are all "
                                      "on this page")


def test_category_filter_ignores_case(client, inventory):
    """category=tools and category=TOOLS find the Tools items"""
    expected = wanted(inventory, 0, 100, "Tools")
    for spelling in ("tools", "TOOLS"):
        e, body = envelope(client.get(f"/v2/items?category={spelling}&limit=100"))
        same_ids(e, body["items"], expected, "every Tools item",
                 help="Compare both sides in one case: a.casefold() == b.casefold().")


def test_unknown_category_is_an_empty_page(client):
    """an unknown category, even a part of a real one (Tool, ools), answers 200 with no items and total 0"""
    for category in ("Toys", "Tool", "tool", "ools", "Gard", "T", "Toolss", "ToolsGarden"):
        e, body = envelope(client.get(f"/v2/items?category={category}"))
        same_ids(e, body["items"], [], f"an empty page: no item is in the category {category!r}",
                 help="A category matches by its whole name, in any case: compare with ==, not "
                      "with `in` or startswith.")
        field(e, body, "total", 0)
        field(e, body, "has_more", False)


def test_category_ignores_spaces_around_it(client, inventory):
    """category=%20tools%20 (spaces around the name) finds the Tools items"""
    expected = wanted(inventory, 0, 100, "Tools")
    for spelling in ("%20tools%20", "Tools%20", "%20%20TOOLS"):
        e, body = envelope(client.get(f"/v2/items?category={spelling}&limit=100"))
        same_ids(e, body["items"], expected, "every Tools item: spaces around a name are ignored",
                 help="strip() the category once, and use the stripped name both to decide "
                      "whether to filter and to compare with each item's category.")
        field(e, body, "total", len(expected))


def test_category_filter_folds_case_in_every_alphabet(make_app, inventory):
    """category=STRASSE finds the category Straße, and category=office%20SUPPLIES finds Office supplies"""
    extra = [{"id": 201, "name": "Ruler", "category": "Straße", "quantity": 3},
             {"id": 202, "name": "Paper clips", "category": "Office supplies", "quantity": 9}]
    client = make_app(INVENTORY=inventory + extra).test_client()
    said = "(with items in the categories \"Straße\" and \"Office supplies\" added to config INVENTORY)"
    for spelling, item in (("STRASSE", 201), ("strasse", 201), ("straße", 201),
                           ("office%20SUPPLIES", 202), ("OFFICE%20SUPPLIES", 202),
                           ("Office%20supplies", 202)):
        e, body = envelope(client.get(f"/v2/items?category={spelling}"))
        same_ids(e, body["items"], [item], f"the one item of that category {said}",
                 help="Compare both sides in one case with a.casefold() == b.casefold(): lower() "
                      "leaves \"ß\" as it is, and title() changes every word of a name.")


def test_empty_category_means_no_filter(client, inventory):
    """category= (empty, or only spaces) answers every item, as if there were no filter"""
    for query in ("category=", "category=%20%20", "category=%20"):
        e, body = envelope(client.get(f"/v2/items?{query}&limit=100"))
        same_ids(e, body["items"], wanted(inventory, 0, 100), "every item: no filter",
                 help="Treat an empty or blank category as no filter: "
                      "request.args.get(\"category\", \"\").strip(), then filter only if it is "
                      "not empty.")
        field(e, body, "total", len(inventory))


# ----------------------------------------------------------------------------- bad queries


NOT_WHOLE = (("a word", "abc"), ("a decimal", "1.5"), ("a decimal", "2.9"), ("empty", ""),
             ("a space", "%20"), ("a sign alone", "-"), ("a number with a letter", "12a"),
             ("a number spelled out", "five"), ("two minus signs", "--5"),
             ("a superscript two", "%C2%B2"))


def test_non_integer_offset_or_limit_gives_400(client):
    """a non-integer offset or limit (abc, 1.5, an empty value) gives 400 with a JSON error naming it, in both versions"""
    for version in ("v1", "v2"):
        for name in ("limit", "offset"):
            for label, value in NOT_WHOLE:
                bad_request(client, f"/{version}/items?{name}={value}", name,
                            label=f"{name} is {label}")


def test_negative_offset_or_limit_gives_400(client):
    """a negative offset or limit gives 400 with a JSON error naming it, in both versions"""
    for version in ("v1", "v2"):
        for value in ("-1", "-5", "-30"):
            bad_request(client, f"/{version}/items?offset={value}", "offset")
            bad_request(client, f"/{version}/items?limit={value}", "limit")
        bad_request(client, f"/{version}/items?offset=5&limit=-1", "limit")


def test_smallest_offset_and_limit_are_served(client, inventory):
    """offset=0 and limit=1 are valid: both versions answer exactly the first item"""
    for query in ("offset=0&limit=1", "limit=1"):
        e, items = array(client.get(f"/v1/items?{query}"))
        same_ids(e, items, wanted(inventory, 0, 1), "one item, the first",
                 help="offset may be 0 and limit may be 1: refuse only offset below 0 and limit "
                      "below 1.")
        e, body = envelope(client.get(f"/v2/items?{query}"))
        same_ids(e, body["items"], wanted(inventory, 0, 1), "one item, the first")
        field(e, body, "limit", 1)
        field(e, body, "has_more", True)


def test_limit_zero_gives_400(client):
    """limit=0 gives 400 with a JSON error naming limit, in both versions"""
    for version in ("v1", "v2"):
        bad_request(client, f"/{version}/items?limit=0", "limit")


def test_limit_is_capped_at_100(make_app, inventory):
    """limit=1000 and limit=101 answer 100 items (limit=100 too), and v2 reports "limit": 100"""
    big = [{**inventory[n % len(inventory)], "id": 1001 + n} for n in range(150)]
    client = make_app(INVENTORY=big).test_client()
    said = "(with 150 items in config INVENTORY)"
    e, items = array(client.get("/v1/items?limit=1000"))
    e.that(len(items) == MAX_LIMIT, f"{MAX_LIMIT} items {said}",
           got=f"{len(items)} items",
           help="Cap the page size, limit = min(limit, 100): one request must not be able to "
                "ask for the whole table.")
    for limit in (1000, 101, 100):
        e, items = array(client.get(f"/v1/items?limit={limit}"))
        e.that(len(items) == MAX_LIMIT, f"{MAX_LIMIT} items {said}", got=f"{len(items)} items",
               help="A limit above 100 is served as 100 (clamped, not refused); 100 itself "
                    "is allowed.")
        e, body = envelope(client.get(f"/v2/items?limit={limit}"))
        e.that(len(body["items"]) == MAX_LIMIT, f"{MAX_LIMIT} items {said}",
               got=f"{len(body['items'])} items")
        field(e, body, "limit", MAX_LIMIT, ": the page size the client really got")
        field(e, body, "has_more", True)


# ---------------------------------------------------------------------------- several apps


def test_each_app_serves_its_own_items(make_app, inventory):
    """two apps built one after the other with different INVENTORY each serve their own items"""
    other = [{"id": 301 + n, "name": f"Spare part {n + 1}", "category": ("Tools", "Garden")[n % 2],
              "quantity": n + 1} for n in range(12)]
    first = make_app().test_client()
    in_first = "(the first of two apps built in one process, with the checks' 25 items)"
    in_second = ("(the second of two apps built in one process, with 12 other items, ids 301 "
                 "to 312, in config INVENTORY)")
    help = ("Read the items at request time through all_items() (current_app.config). A copy "
            "kept in a module when the blueprint is registered, or a cache keyed by the category "
            "alone, hands one app's items to every other app of the process.")

    def serves(client, items, said):
        e, got = array(client.get("/v1/items?limit=100"), said)
        same_ids(e, got, wanted(items, 0, 100), "every item of this app", help=help)
        e, body = envelope(client.get("/v2/items?category=tools&limit=100"), said)
        same_ids(e, body["items"], wanted(items, 0, 100, "Tools"), "this app's Tools items",
                 help=help)
        field(e, body, "total", len(wanted(items, 0, 100, "Tools")))

    serves(first, inventory, in_first)
    second = make_app(reimport=False, INVENTORY=other).test_client()
    serves(second, other, in_second)
    serves(first, inventory, in_first + ", asked again after the second was built")


# ------------------------------------------------------------------------------- structure


def test_both_versions_are_served_by_blueprints(app):
    """GET /v1/items and GET /v2/items are served by two different blueprints"""
    adapter = app.url_map.bind("localhost")
    owners = {}
    for path in ("/v1/items", "/v2/items"):
        try:
            endpoint, _ = adapter.match(path, method="GET")
        except Exception:
            endpoint = None
        if endpoint is None:
            fail(f"a route for GET {path}", got=route_help(app, "GET", path) or "no such route",
                 request=f"app.url_map, looking for GET {path}",
                 help="Register each blueprint in create_app: "
                      "app.register_blueprint(v1.bp, url_prefix=\"/v1\"), and the same for v2.")
        blueprint = endpoint.rpartition(".")[0]
        if not blueprint or blueprint not in app.blueprints:
            fail(f"GET {path} served by a Blueprint (an endpoint named like \"v1.list_items\")",
                 got=f"the endpoint {endpoint!r}; blueprints registered: "
                     f"{', '.join(app.blueprints) or 'none'}",
                 request=f"app.url_map, looking for GET {path}",
                 help="Put each version's route on a Blueprint in its own module and register "
                      "it in create_app, instead of adding the route to the app itself.")
        owners[path] = blueprint
    if owners["/v1/items"] == owners["/v2/items"]:
        fail("two blueprints, one per version",
             got=f"both routes in the blueprint {owners['/v1/items']!r}",
             request="app.url_map, looking for GET /v1/items and GET /v2/items",
             help="One blueprint per version, each registered under its own prefix, lets v2 "
                  "change without touching v1.")
