"""Lesson 05: GET /weather asks Open-Meteo through `requests`, and caches by rounded coordinates.

Open-Meteo is played by `responses` (the ``open_meteo`` / ``mock_http`` fixtures): every call the
app makes is recorded in ``mock_http.calls``. Cache checks freeze the clock first (``clock`` is
the first argument, so it is frozen before the app is built) and move it instead of sleeping.
"""

import inspect
import math
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from flaskcourse.checking import expect, show_json

FORECAST_URL = "https://api.open-meteo.com/v1/forecast"
TEMPERATURE = 17.3   # an unusual value, easy to find in the app's answer

# What Open-Meteo answers, cut down. It holds both the `current=` block and the older
# `current_weather=true` block, so an app that asks either way finds its data.
FORECAST = {
    "latitude": 52.52,
    "longitude": 13.419998,
    "generationtime_ms": 0.04,
    "utc_offset_seconds": 0,
    "timezone": "GMT",
    "timezone_abbreviation": "GMT",
    "elevation": 38.0,
    "current_units": {"time": "iso8601", "interval": "seconds", "temperature_2m": "°C",
                      "relative_humidity_2m": "%", "wind_speed_10m": "km/h", "weather_code": "wmo code"},
    "current": {"time": "2025-05-01T12:00", "interval": 900, "temperature_2m": TEMPERATURE,
                "relative_humidity_2m": 48, "wind_speed_10m": 11.2, "weather_code": 3},
    "current_weather_units": {"time": "iso8601", "interval": "seconds", "temperature": "°C",
                              "windspeed": "km/h", "winddirection": "°", "is_day": "",
                              "weathercode": "wmo code"},
    "current_weather": {"time": "2025-05-01T12:00", "interval": 900, "temperature": TEMPERATURE,
                        "windspeed": 11.2, "winddirection": 250, "is_day": 1, "weathercode": 3},
}

BERLIN = "/weather?city_name=Berlin&lat=52.52&lon=13.41"
UPSTREAM_ERROR = "upstream_error"
FIRST = f"GET {BERLIN}\n  (answered 200, Open-Meteo was asked once)"


# ---------------------------------------------------------------------------------- helpers


@pytest.fixture
def open_meteo(mock_http):
    """Open-Meteo answering every forecast request with FORECAST; its .calls are the requests."""
    mock_http.get(FORECAST_URL, json=FORECAST)
    return mock_http


def urls(mock):
    return [call.request.url for call in mock.calls]


def short(url):
    """A forecast call by its coordinates (the rest of the query is noise here); others in full."""
    parts = urlsplit(url)
    if parts._replace(query="").geturl() != FORECAST_URL:
        return url
    query = parse_qs(parts.query)
    coords = [f"{name}={query[name][0]}" for name in ("latitude", "longitude") if name in query]
    return "forecast?" + "&".join(coords) + "&..."


def story(mock):
    """What the app asked Open-Meteo (the mock) and what it got back, for a failure's help."""
    if not mock.calls:
        return "Your app did not call Open-Meteo at all."
    lines = ["Your app's calls to the outside:"]
    for call in mock.calls:
        got = call.response
        said = f"answered {got.status_code}" if hasattr(got, "status_code") else \
            f"raised {type(got).__name__}"
        lines.append(f"  GET {call.request.url} ({said})")
    if any(urlsplit(u)._replace(query="").geturl() != FORECAST_URL for u in urls(mock)):
        lines.append(f"The checks stand in for {FORECAST_URL} only: call exactly that URL "
                     "(https, no trailing slash) and pass the query with params={...}.")
    return "\n".join(lines)


def ok(response, mock, after=()):
    """200 with a JSON object; on failure, say what happened upstream. Returns the body."""
    __tracebackhide__ = True
    e = expect(response, after=after).status(200, help=story(mock))
    return e, e.json_object()


def upstream_count(e, mock, n, expected, help=None):
    __tracebackhide__ = True
    count = len(mock.calls)
    e.that(count == n, expected,
           got=f"{count} call{'' if count == 1 else 's'} to Open-Meteo" +
               (": " + ", ".join(short(u) for u in urls(mock)) if count else ""),
           help=help)


def cached_flag(e, body, value, help=None):
    __tracebackhide__ = True
    e.that(body.get("cached") is value, f'"cached": {str(value).lower()} in the answer',
           got=f'"cached": {show_json(body["cached"])}' if "cached" in body else
               f"no \"cached\" key in {show_json(body)}",
           help=help)


def contains(value, wanted):
    """True when the number `wanted` appears anywhere in a JSON document."""
    if isinstance(value, dict):
        return any(contains(v, wanted) for v in value.values())
    if isinstance(value, list):
        return any(contains(v, wanted) for v in value)
    return isinstance(value, (int, float)) and not isinstance(value, bool) and \
        math.isclose(value, wanted)


def first_params(mock):
    query = parse_qs(urlsplit(mock.calls[0].request.url).query, keep_blank_values=True)
    return {name: values[0] for name, values in query.items()}


def as_float(text):
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def gateway_error(response, mock, codes, after=(), what=None):
    """An error status from `codes` with {"error": "upstream_error", "message": ...}; the help
    names a crash for what it is. ``what`` says what Open-Meteo did, for the message."""
    __tracebackhide__ = True
    help = f"Open-Meteo {what}." if what else None
    crashed = expect(response).exception is not None
    if response.status_code == 500 and crashed:
        help = ("A 500 says \"bug in this app\". Catch the requests exception (or the bad status) "
                "around the call and answer 502 Bad Gateway (504 Gateway Timeout for a timeout).")
    elif response.status_code == 500:
        help = ("Open-Meteo's 500 is not your app's bug, and a 500 from you says it is: answer "
                "502 Bad Gateway when the service behind you fails.")
    elif response.status_code == 200:
        help = "The weather service failed, yet the answer was 200: " + story(mock)
    elif what:
        help = (f"Open-Meteo {what}: answer {' or '.join(map(str, codes))}. 502 Bad Gateway when "
                "the service behind you fails or answers something that is not weather, 504 "
                "Gateway Timeout when it does not answer in time (catch requests.Timeout before "
                "requests.RequestException: ConnectTimeout is both).")
    e = expect(response, after=after)
    body = e.status(*codes, help=help).json_error(*codes)
    e.that(body.get("error") == UPSTREAM_ERROR and isinstance(body.get("message"), str),
           f'{{"error": "{UPSTREAM_ERROR}", "message": "..."}}',
           help=(f"Open-Meteo {what}. " if what else "") + "Answer every upstream failure with "
                "one @app.errorhandler(UpstreamError) that returns {\"error\": \"upstream_error\", "
                "\"message\": error.message} and the error's status.")
    return body


# ---------------------------------------------------------------------------- a cache miss


def test_first_call_asks_open_meteo_and_says_not_cached(clock, client, open_meteo):
    """the first request asks Open-Meteo once, for the coordinates as given, and answers "cached": false"""
    e, body = ok(client.get("/weather?city_name=Mitte&lat=52.520417&lon=13.410353"), open_meteo)
    upstream_count(e, open_meteo, 1, "exactly one call to Open-Meteo")
    e.that(urls(open_meteo)[0].split("?")[0] == FORECAST_URL, f"a call to {FORECAST_URL}",
           got=story(open_meteo))
    params = first_params(open_meteo)
    e.that(as_float(params.get("latitude")) == 52.520417
           and as_float(params.get("longitude")) == 13.410353,
           "the query parameters latitude=52.520417 and longitude=13.410353 (Open-Meteo's "
           "names, the coordinates as given, every decimal)",
           got=f"the query {show_json(params)}",
           help="Pass them with requests.get(url, params={\"latitude\": lat, \"longitude\": lon, "
                "...}). Round only the cache key: Open-Meteo gets the place the client asked "
                "for, not a rounded or formatted copy of it.")
    sent = parse_qs(urlsplit(urls(open_meteo)[0]).query, keep_blank_values=True).get("current", [])
    e.that(len(sent) <= 1, "one current= parameter, its variables separated by commas",
           got=f"current= {len(sent)} times: {show_json(sent)}",
           help="Pass the variables as one string, \"temperature_2m,wind_speed_10m,...\": a "
                "Python list in params= makes requests repeat the parameter once per item.")
    e.that(bool(params.get("current", "").strip(", ")),
           "a request for the current weather: current=temperature_2m,... (the variables you want)",
           got=f"the query {show_json(params)}",
           help="Without current=... Open-Meteo sends the coordinates back and no weather at all. "
                "(The older current_weather=true answers a different block; this lesson uses "
                "current=.)")
    cached_flag(e, body, False)


def test_answer_carries_the_weather_and_the_city(client, open_meteo):
    """the answer holds the city_name asked for, the coordinates, and Open-Meteo's current and current_units"""
    e, body = ok(client.get(BERLIN), open_meteo)
    e.json_includes({"city_name": "Berlin"})
    named = expect(client.get("/weather?city_name=s%C3%A3o%20paulo%20-%20SP&lat=-23.55&lon=-46.63"))
    named.status(200).json_includes({"city_name": "são paulo - SP"})
    numbers = [body.get("latitude"), body.get("longitude")]
    e.that(all(isinstance(n, (int, float)) and not isinstance(n, bool) for n in numbers)
           and math.isclose(numbers[0], 52.52) and math.isclose(numbers[1], 13.41),
           '"latitude": 52.52 and "longitude": 13.41, as numbers')
    e.that(body.get("current") == FORECAST["current"]
           and body.get("current_units") == FORECAST["current_units"],
           "Open-Meteo's \"current\" and \"current_units\" blocks, as it sent them",
           help="Answer {\"city_name\": ..., \"latitude\": ..., \"longitude\": ..., "
                "\"current\": data[\"current\"], \"current_units\": data[\"current_units\"], "
                "\"cached\": ...}.")


def test_missing_city_name_is_null(client, open_meteo):
    """without a city_name the answer has "city_name": null"""
    e, body = ok(client.get("/weather?lat=52.52&lon=13.41"), open_meteo)
    e.that("city_name" in body and body["city_name"] is None, '"city_name": null',
           got=f'"city_name": {show_json(body.get("city_name"))}' if "city_name" in body
           else "no \"city_name\" key",
           help="request.args.get(\"city_name\") is None when the request has none: answer it "
                "as it is (JSON null), not as \"\".")


def test_the_upstream_call_has_a_timeout(client, config, open_meteo):
    """the call to Open-Meteo sets a timeout, so a silent server cannot hang the app"""
    e, _ = ok(client.get(BERLIN), open_meteo)
    upstream_count(e, open_meteo, 1, "exactly one call to Open-Meteo")
    timeout = open_meteo.calls[0].request.req_kwargs.get("timeout")
    e.that(timeout is not None, "requests.get(..., timeout=...) with a number of seconds",
           got="a call without a timeout",
           help="requests has no default timeout: without one, a server that accepts the "
                "connection and never answers keeps your worker waiting forever.")
    wanted = config["WEATHER_TIMEOUT"]
    parts = list(timeout) if isinstance(timeout, (tuple, list)) else [timeout]
    numbers = all(isinstance(p, (int, float)) and not isinstance(p, bool) and 0 < p <= wanted
                  for p in parts)
    e.that(numbers and len(parts) in (1, 2) and max(parts) == wanted,
           f"timeout={wanted:g}, the WEATHER_TIMEOUT the app was built with (or a (connect, "
           f"read) pair whose longer part is {wanted:g})",
           got=f"timeout={timeout!r}",
           help="Read the timeout from current_app.config[\"WEATHER_TIMEOUT\"] in the view and "
                "pass it on; a number written into the code ignores the configuration.")


# ----------------------------------------------------------------------------- cache hits


def test_second_identical_call_is_served_from_the_cache(clock, client, open_meteo):
    """the same request again answers "cached": true without calling Open-Meteo"""
    ok(client.get(BERLIN), open_meteo)
    e, body = ok(client.get(BERLIN), open_meteo, after=[FIRST])
    upstream_count(e, open_meteo, 1, "still one call to Open-Meteo: the second answer comes "
                   "from the cache", help="Look the rounded (lat, lon) up in the cache before "
                   "calling requests.get, and store the weather after a successful call.")
    cached_flag(e, body, True, help="Say where the answer came from: \"cached\": true when "
                "it was found in the cache.")


def test_a_cached_answer_names_the_city_asked_for(clock, client, open_meteo):
    """a cached answer names the city and coordinates of this request, not of the one before"""
    ok(client.get(BERLIN), open_meteo)
    e, body = ok(client.get("/weather?city_name=Mitte&lat=52.5204&lon=13.4104"), open_meteo,
                 after=[FIRST])
    cached_flag(e, body, True, help="(this check needs the cache itself to work first)")
    e.json_includes({"city_name": "Mitte"})
    e.that(body.get("latitude") == 52.5204 and body.get("longitude") == 13.4104,
           '"latitude": 52.5204 and "longitude": 13.4104, the coordinates of this request',
           got=f'"latitude": {show_json(body.get("latitude"))}, '
               f'"longitude": {show_json(body.get("longitude"))}',
           help="Cache only the weather (current and current_units). The city and the "
                "coordinates come from the request being answered, not from the cache.")


def test_the_entry_expires_after_the_ttl(clock, client, config, open_meteo):
    """an entry is reused until WEATHER_CACHE_TTL seconds have passed, then fetched again"""
    ttl = config["WEATHER_CACHE_TTL"]
    early = ttl - 1
    ok(client.get(BERLIN), open_meteo)
    clock.advance(early)
    e, body = ok(client.get(BERLIN), open_meteo, after=[FIRST, f"{early} seconds pass"])
    upstream_count(e, open_meteo, 1, f"still one call to Open-Meteo {early} seconds later: the "
                   f"app is configured with WEATHER_CACHE_TTL = {ttl}",
                   help="The TTL is in seconds; read it from app.config[\"WEATHER_CACHE_TTL\"].")
    cached_flag(e, body, True)

    clock.advance(1)
    e, body = ok(client.get(BERLIN), open_meteo,
                 after=[FIRST, f"{early} seconds later, the same (answered from the cache)",
                        f"another second passes: {ttl} in all, exactly the TTL"])
    upstream_count(e, open_meteo, 2, "a second call to Open-Meteo: the entry is WEATHER_CACHE_TTL "
                   "seconds old, so it has expired", help="Store the time with each entry (time.monotonic()) "
                   "and treat an entry as missing once now - stored_at >= the TTL (at exactly the TTL too). Read the TTL "
                   "from app.config[\"WEATHER_CACHE_TTL\"], not a number in the code.")
    cached_flag(e, body, False)


# ------------------------------------------------------------------------ the cache key


def test_nearby_coordinates_share_an_entry(clock, client, open_meteo):
    """coordinates that round alike (52.5201, 52.5204 and 52.519) share one cache entry"""
    for first, others in ((("52.5201", "13.4101"), (("52.5204", "13.4104"), ("52.519", "13.409"))),
                          (("48.85", "2.35"), (("48.8501", "2.3501"),))):
        before = len(open_meteo.calls)
        path = f"/weather?lat={first[0]}&lon={first[1]}"
        ok(client.get(path), open_meteo)
        for lat, lon in others:
            e, body = ok(client.get(f"/weather?lat={lat}&lon={lon}"), open_meteo,
                         after=[f"GET {path}\n  (answered 200)"])
            upstream_count(e, open_meteo, before + 1,
                           f"one call to Open-Meteo for {first[0]}/{first[1]} and {lat}/{lon}: "
                           f"both round to ({round(float(lat), 2)}, {round(float(lon), 2)})",
                           help="Key the cache on (round(lat, 2), round(lon, 2)), the numbers "
                                "rounded, not the text of the query and not cut off with int().")
            cached_flag(e, body, True)


def test_coordinates_that_round_differently_get_their_own_entries(clock, client, open_meteo):
    """a different latitude or longitude (after rounding) gets its own cache entry"""
    ok(client.get(BERLIN), open_meteo)
    earlier = [FIRST]
    for path, changed in (("/weather?lat=52.53&lon=13.41", "latitude"),
                          ("/weather?lat=52.52&lon=13.42", "longitude")):
        before = len(open_meteo.calls)
        response = client.get(path)
        e, body = ok(response, open_meteo, after=earlier)
        upstream_count(e, open_meteo, before + 1,
                       f"a new call to Open-Meteo: only the {changed} differs, by 0.01",
                       help="Both coordinates belong in the key, each rounded to 2 decimals: "
                            "(round(lat, 2), round(lon, 2)). Rounding to 1 decimal lumps "
                            "places 10 km apart together.")
        cached_flag(e, body, False)
        earlier = [*earlier, f"GET {path}\n  (answered 200, a new call to Open-Meteo)"]


# ------------------------------------------------------------------ when Open-Meteo fails


BAD_ANSWERS = (
    ("answered 500", {"json": {"error": True, "reason": "Internal error"}, "status": 500}),
    ("answered 503", {"json": {"error": True, "reason": "Service unavailable"}, "status": 503}),
    ("answered 500, with a body that looks like weather", {"json": FORECAST, "status": 500}),
    ("answered 200 with a body that is not JSON", {"body": "<html>Gateway hiccup</html>",
                                                   "content_type": "text/html"}),
    ("answered 200 with JSON that has no \"current\" block",
     {"json": {"latitude": 52.52, "longitude": 13.41, "elevation": 38.0}}),
    ("answered 200 with JSON that is a list, not an object", {"json": [FORECAST]}),
    ("answered 200 with JSON null", {"body": "null", "content_type": "application/json"}),
    ("answered 200 with \"current\": null", {"json": {**FORECAST, "current": None}}),
    ("answered 200 with a \"current\" that is text, not a block",
     {"json": {**FORECAST, "current": "17.3 °C"}}),
)


def answer_with(mock, **answer):
    """From now on, Open-Meteo answers every forecast call this way."""
    if mock.registered():
        mock.replace("GET", FORECAST_URL, **answer)
    else:
        mock.get(FORECAST_URL, **answer)


def test_upstream_5xx_gives_502(clock, client, mock_http):
    """Open-Meteo answering 5xx, or 200 without JSON weather, gives 502 upstream_error as JSON"""
    for what, answer in BAD_ANSWERS:
        answer_with(mock_http, **answer)
        gateway_error(client.get(BERLIN), mock_http, (502,), what=what)


def test_upstream_timeout_gives_504(clock, client, mock_http):
    """an Open-Meteo timeout (connect or read) gives 504 upstream_error as JSON"""
    for what, error in (("timed out while connecting (ConnectTimeout)",
                         requests.exceptions.ConnectTimeout("connect timed out")),
                        ("timed out while answering (ReadTimeout)",
                         requests.exceptions.ReadTimeout("read timed out"))):
        answer_with(mock_http, body=error)
        gateway_error(client.get(BERLIN), mock_http, (504,), what=what)


def test_upstream_connection_error_gives_502(clock, client, mock_http):
    """Open-Meteo unreachable (connection refused) gives 502 upstream_error as JSON"""
    mock_http.get(FORECAST_URL, body=requests.exceptions.ConnectionError("connection refused"))
    gateway_error(client.get(BERLIN), mock_http, (502,), what="refused the connection")


def test_a_failed_call_is_not_cached(clock, client, mock_http):
    """after a failed call the next request asks Open-Meteo again and gets the weather"""
    mock_http.get(FORECAST_URL, json={"error": True, "reason": "Service unavailable"}, status=503)
    mock_http.get(FORECAST_URL, json=FORECAST)   # from the second call on: all is well
    gateway_error(client.get(BERLIN), mock_http, (502,), what="answered 503")
    response = client.get(BERLIN)
    after = [f"GET {BERLIN}\n  (Open-Meteo answered 503, the app an error)", "Open-Meteo recovers"]
    # The count first: an app that cached the failure answers from the cache, without a call.
    upstream_count(expect(response, after=after), mock_http, 2, "a second call to Open-Meteo: "
                   "a failure is not weather and must not be cached", help="Store in the cache "
                   "only after a successful call, and only the weather.")
    e, body = ok(response, mock_http, after=after)
    cached_flag(e, body, False)


# ---------------------------------------------------------------------------- bad input


def bad_request(client, mock, path, field, help=None):
    __tracebackhide__ = True
    response = client.get(path)
    e = expect(response)
    e.status(400, help=help or ("float() raises ValueError on text that is not a number "
                                "(and TypeError on None): catch it and answer 400."
                                if response.status_code == 500 else None))
    body = e.json_error(400)
    e.that("error" in body and isinstance(body.get("message"), str),
           '{"error": ..., "message": "..."}, the same shape as every error of this API')
    e.that(field in body["message"].lower(), f"a message that names {field}",
           got=f"the message {body['message']!r}")
    upstream_count(e, mock, 0, "no call to Open-Meteo for a request that is wrong anyway",
                   help="Validate lat and lon before calling requests.get.")


def test_missing_lat_or_lon_gives_400(client, open_meteo):
    """a missing or empty lat or lon gives 400 as JSON naming it"""
    bad_request(client, open_meteo, "/weather?city_name=Berlin&lon=13.41", "lat")
    bad_request(client, open_meteo, "/weather?city_name=Berlin&lat=52.52", "lon")
    bad_request(client, open_meteo, "/weather?lat=&lon=13.41", "lat")
    bad_request(client, open_meteo, "/weather", "lat")


def test_non_numeric_lat_or_lon_gives_400(client, open_meteo):
    """a lat or lon that is not a number gives 400 as JSON naming it"""
    bad_request(client, open_meteo, "/weather?lat=abc&lon=13.41", "lat")
    bad_request(client, open_meteo, "/weather?lat=52.52&lon=north", "lon")
    bad_request(client, open_meteo, "/weather?lat=52,52&lon=13.41", "lat")


def test_out_of_range_coordinates_give_400(client, open_meteo):
    """a lat outside -90..90 or a lon outside -180..180 (or nan) gives 400 as JSON"""
    bad_request(client, open_meteo, "/weather?lat=95&lon=13.41", "lat",
                help="Latitudes run from -90 (south pole) to 90 (north pole).")
    bad_request(client, open_meteo, "/weather?lat=-90.5&lon=13.41", "lat")
    bad_request(client, open_meteo, "/weather?lat=90.5&lon=13.41", "lat")
    bad_request(client, open_meteo, "/weather?lat=52.52&lon=180.5", "lon")
    bad_request(client, open_meteo, "/weather?lat=52.52&lon=-180.5", "lon")
    bad_request(client, open_meteo, "/weather?lat=52.52&lon=181", "lon",
                help="Longitudes run from -180 to 180.")
    bad_request(client, open_meteo, "/weather?lat=nan&lon=13.41", "lat",
                help="float(\"nan\") is a float, and every comparison with it is False, so "
                     "`lat < -90 or lat > 90` lets it through. Use `not -90 <= lat <= 90`, or "
                     "math.isfinite(lat).")
    bad_request(client, open_meteo, "/weather?lat=52.52&lon=nan", "lon")
    bad_request(client, open_meteo, "/weather?lat=inf&lon=13.41", "lat")
    bad_request(client, open_meteo, "/weather?lat=52.52&lon=-inf", "lon")


def test_coordinates_at_the_edges_are_accepted(clock, client, open_meteo):
    """the edges are valid: lat -90 and 90, lon -180 and 180 (and lon 116.4, east of 90) get the weather"""
    for path in ("/weather?lat=90&lon=180", "/weather?lat=-90&lon=-180",
                 "/weather?lat=39.9&lon=116.4"):
        response = client.get(path)
        expect(response).status(200, help="Latitude runs from -90 to 90 and longitude from -180 to "
                                          "180, both ends included: `not -90 <= lat <= 90`, "
                                          "`not -180 <= lon <= 180`.")


# ---------------------------------------------------------------------------- structure


def test_two_apps_do_not_share_a_cache(clock, client, make_app, open_meteo):
    """two apps from create_app() keep separate caches"""
    ok(client.get(BERLIN), open_meteo)
    other = make_app(reimport=False)
    e, body = ok(other.test_client().get(BERLIN), open_meteo,
                 after=[f"GET {BERLIN} to the first app\n  (answered 200, Open-Meteo was asked "
                        "once)", "a second app is built by create_app(config)"])
    upstream_count(e, open_meteo, 2, "a call to Open-Meteo from the second app: its cache "
                   "starts empty", help="A module-level dict is shared by every app "
                   "create_app() makes in this process. Create the cache inside create_app and "
                   "keep it on the app, e.g. app.extensions[\"weather_cache\"].")
    cached_flag(e, body, False)


# ------------------------------------------------------------------------ the cache's clock


def test_entries_age_by_the_monotonic_clock(clock, client, config, open_meteo):
    """a jump of the wall clock neither expires an entry nor keeps it alive: entries age by time.monotonic()"""
    ttl = config["WEATHER_CACHE_TTL"]
    ok(client.get(BERLIN), open_meteo)
    clock.advance_wall(3600)
    jumped = "the wall clock jumps an hour forward (the monotonic clock does not move)"
    e, body = ok(client.get(BERLIN), open_meteo, after=[FIRST, jumped])
    upstream_count(e, open_meteo, 1, "still one call to Open-Meteo: no time has passed on "
                   "time.monotonic()", help="Stamp entries with time.monotonic(), not time.time() "
                   "or datetime.now(): the wall clock jumps when the system fixes its time.")
    cached_flag(e, body, True)
    clock.advance_monotonic(ttl)
    e, body = ok(client.get(BERLIN), open_meteo,
                 after=[FIRST, jumped, f"{ttl} seconds pass on time.monotonic() (the TTL)"])
    upstream_count(e, open_meteo, 2, "a second call to Open-Meteo: the entry is WEATHER_CACHE_TTL "
                   "seconds old by time.monotonic()", help="Compare ages on time.monotonic(), "
                   "the clock that only moves forward.")


MARKER = "kept-after-expiry-7f3c"


def holding(value, needle, depth=0, seen=None):
    """True when a str containing ``needle`` is anywhere inside ``value`` (dicts, sequences,
    objects' attributes), a few levels deep."""
    seen = set() if seen is None else seen
    if depth > 10 or id(value) in seen:
        return False
    seen.add(id(value))
    if isinstance(value, str):
        return needle in value
    if isinstance(value, dict):
        return any(holding(v, needle, depth + 1, seen) or holding(k, needle, depth + 1, seen)
                   for k, v in list(value.items()))
    if isinstance(value, (list, tuple, set, frozenset)) or type(value).__name__ == "deque":
        return any(holding(v, needle, depth + 1, seen) for v in list(value))
    if callable(value) or inspect.ismodule(value):
        return False
    try:
        attributes = dict(vars(value))
    except TypeError:  # no __dict__: the slots hold the state
        attributes = {}
    for klass in type(value).__mro__:
        for name in getattr(klass, "__slots__", ()):
            if isinstance(name, str) and hasattr(value, name):
                attributes[name] = getattr(value, name)
    if attributes:
        return holding(attributes, needle, depth + 1, seen)
    return False


def test_an_expired_entry_is_dropped(clock, app, config, mock_http):
    """an expired entry is dropped when it is looked up: after a failed refetch nothing of it is kept"""
    from flaskcourse.checking.inspect_app import learner_modules

    marked = {**FORECAST, "current": {**FORECAST["current"], "time": MARKER}}
    mock_http.get(FORECAST_URL, json=marked)
    mock_http.get(FORECAST_URL, json={"error": True, "reason": "Service unavailable"}, status=503)
    client = app.test_client()
    ttl = config["WEATHER_CACHE_TTL"]
    ok(client.get(BERLIN), mock_http)
    clock.advance(ttl + 1)
    response = client.get(BERLIN)
    after = [FIRST, f"{ttl + 1} seconds pass (past the TTL)", "Open-Meteo fails from now on"]
    gateway_error(response, mock_http, (502,), after=after, what="answered 503")
    places = [("app.extensions", dict(app.extensions))] + [
        (f"{name}.py", {k: v for k, v in vars(module).items()
                        if not k.startswith("__") and not callable(v) and not inspect.ismodule(v)})
        for name, module in learner_modules()]
    kept = [where for where, value in places if holding(value, MARKER)]
    expect(response, after=after).that(
        not kept, "the expired entry gone from the cache (the checks looked inside your app)",
        got="the old weather still kept in " + ", ".join(kept),
        help="When a lookup finds an entry older than the TTL, delete it (del entries[key]) "
             "before answering None, so the cache doesn't grow forever.")
