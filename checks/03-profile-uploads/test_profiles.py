"""Lesson 03: profiles with a bio (form field) and an uploaded image (multipart field `image`).

The checks follow whatever URL the app returns as image_url (any route, relative or absolute);
they never assume /static/ or /uploads/. UPLOAD_FOLDER and MAX_CONTENT_LENGTH come from
conftest.py.
"""

import io
import mimetypes
import struct
import zlib
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

from flaskcourse.checking import expect, fail
from flaskcourse.checking.traversal import escapes

UPLOAD_HELP = ("Read the file with request.files.get(\"image\"), check it, and save it with "
               "file.save(os.path.join(current_app.config[\"UPLOAD_FOLDER\"], name)).")
SECURE_HELP = ("Never build a path from the client's file name as it is. Clean it with "
               "werkzeug.utils.secure_filename(file.filename) (it turns '../../etc/passwd.png' "
               "into 'etc_passwd.png' and drops the leading '/' of an absolute path), or make "
               "up a name of your own and keep only the extension.")


# ---------------------------------------------------------------------------------- helpers


def png(red, green, blue):
    """A real 1x1 PNG of one colour: different colours give different bytes."""
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(bytes([0, red, green, blue]))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels)
            + chunk(b"IEND", b""))


RED, BLUE = png(255, 0, 0), png(0, 0, 255)
# The first bytes of a JPEG and a GIF file: enough for anything that looks at the contents.
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
GIF = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"
# Where a client that fetched ada's profile reads a relative image_url from.
PROFILE_ADDRESS = "http://localhost/profiles/ada"


def upload(client, username, content, filename, field="image", declared=None):
    """POST the bytes as a multipart upload, the way a browser form or curl -F sends them.

    ``declared`` is the content type the client claims for the part (else guessed from the name).
    """
    part = (io.BytesIO(content), filename) if declared is None else (io.BytesIO(content), filename, declared)
    return client.post(f"/profiles/{username}/upload-image", data={field: part},
                       content_type="multipart/form-data")


def uploaded(client, username="ada", content=RED, filename="me.png", declared=None):
    """Upload a good image; expect 200/201 with an image_url; return (response, image_url)."""
    __tracebackhide__ = True
    response = upload(client, username, content, filename, declared=declared)
    e = expect(response).status(200, 201, help=UPLOAD_HELP)
    body = e.json_object()
    url = body.get("image_url")
    e.that(isinstance(url, str) and url != "",
           "a JSON object whose image_url is the URL of the new image",
           help="Answer with the updated profile (username, bio, image_url), e.g. with "
                "url_for(...) for the route that serves uploaded files.")
    return response, url


def fetch(client, url):
    """GET the URL the app gave, on the test client: only its path and query count."""
    parts = urlsplit(url)
    return client.get(parts.path + (f"?{parts.query}" if parts.query else ""))


def multipart_of_size(total):
    """A multipart body of exactly ``total`` bytes: one image part, me.png, padded with zeros."""
    boundary = "flaskcourse-exact-size"
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"image\"; "
            f"filename=\"me.png\"\r\nContent-Type: image/png\r\n\r\n").encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    body = head + RED + b"\0" * (total - len(head) - len(RED) - len(tail)) + tail
    assert len(body) == total
    return body, f"multipart/form-data; boundary={boundary}"


def files_in(folder):
    return {p for p in Path(folder).rglob("*") if p.is_file()}


def route_prefix(url):
    """The path of an image_url without its last segment: where other names would be asked."""
    return urlsplit(url).path.rsplit("/", 1)[0] + "/"


def show_files(paths, root):
    return ", ".join(sorted(str(p.relative_to(root)) for p in paths))


def uploads_stay_inside(client, names, tmp_path, config):
    """Upload under each name: no file may appear outside UPLOAD_FOLDER, and no name may crash.

    An escape is reported first, whichever name caused it: it is the worse news.
    """
    __tracebackhide__ = True
    upload_folder = Path(config["UPLOAD_FOLDER"])
    database = Path(config["DATABASE"]).name  # app.db, app.db-journal, app.db-wal are fine
    crashed = None
    for name in names:
        before = files_in(tmp_path)
        response = upload(client, "ada", RED, name)
        escaped = {p for p in files_in(tmp_path) - before
                   if upload_folder not in p.parents and not p.name.startswith(database)}
        expect(response).that(
            not escaped, "no file written outside UPLOAD_FOLDER",
            got=f"new files outside it: {show_files(escaped, tmp_path)} (UPLOAD_FOLDER is "
                f"{upload_folder.relative_to(tmp_path)}, status {response.status_code})",
            help=SECURE_HELP)
        if crashed is None and response.status_code not in (200, 201, 400):
            crashed = response
    if crashed is not None:
        expect(crashed).status(200, 201, 400, help="A dangerous name is either cleaned (then the "
                                                   "upload succeeds) or refused with 400; never "
                                                   "a crash.")


# ------------------------------------------------------------------------------ profiles


def test_new_profile_has_empty_bio_and_no_image(client):
    """any username has a profile on first use: its name, an empty bio and image_url null"""
    e = expect(client.get("/profiles/ada")).status(200)
    body = e.json_object()
    e.json_has("username", "bio", "image_url")
    e.that(body["username"] == "ada", '"username": "ada"')
    e.that(body["bio"] == "", '"bio": "" (an empty string) for a profile nobody has edited')
    e.that(body["image_url"] is None, '"image_url": null before any upload',
           help="Return None (JSON null) until an image has been uploaded.")


def test_bio_update_persists(client):
    """PATCH with the form field bio changes the bio, and a later GET shows it"""
    patch = client.patch("/profiles/ada", data={"bio": "Python developer"})
    expect(patch).status(200, help="Read the new bio with request.form.get(\"bio\") and answer "
                                   "200 with the updated profile.").json_includes(
        {"username": "ada", "bio": "Python developer"})
    get = client.get("/profiles/ada")
    expect(get, after=[patch]).status(200).json_includes(
        {"username": "ada", "bio": "Python developer"})


def test_bio_belongs_to_one_user(client):
    """changing ada's bio leaves grace's bio empty"""
    patch = client.patch("/profiles/ada", data={"bio": "Analytical engines"})
    expect(patch).status(200)
    get = client.get("/profiles/grace")
    e = expect(get, after=[patch]).status(200)
    e.that(e.json_object().get("bio") == "", "grace's bio still empty (\"\")",
           help="Keep one profile per username, e.g. a dict keyed on the username.")


def test_patch_without_bio_gives_400(client):
    """PATCH with no bio field gives a JSON 400 and leaves the bio as it was"""
    first = client.patch("/profiles/ada", data={"bio": "kept"})
    expect(first).status(200)
    for label, kwargs in (("a form without a bio field", {"data": {"about": "x"}}),
                          ("no body at all", {})):
        response = client.patch("/profiles/ada", **kwargs)
        expect(response, after=[first]).json_error(
            400, help=f"Sent: {label}. request.form.get(\"bio\") is None then: answer 400 "
                      "instead of storing None or an empty bio.")
    get = client.get("/profiles/ada")
    expect(get, after=[first, "PATCHes without a bio field"]).status(200).json_includes(
        {"bio": "kept"})


def test_empty_bio_clears_the_bio(client):
    """PATCH with an empty bio field is accepted (200) and clears the bio"""
    first = client.patch("/profiles/ada", data={"bio": "something"})
    expect(first).status(200)
    clear = client.patch("/profiles/ada", data={"bio": ""})
    expect(clear, after=[first]).status(
        200, help="An empty bio field is still a bio: test `bio is None`, not `not bio`.")
    get = client.get("/profiles/ada")
    expect(get, after=[first, clear]).status(200).json_includes({"bio": ""})


def test_patch_answer_keeps_the_image(client):
    """after an upload, PATCH answers the whole profile, image_url included, and GET keeps it"""
    post, url = uploaded(client)
    patch = client.patch("/profiles/ada", data={"bio": "Engines"})
    e = expect(patch, after=[post]).status(200)
    body = e.json_object()
    e.that(body.get("bio") == "Engines" and body.get("image_url") == url,
           f'the updated profile: "bio": "Engines" and the image_url of the upload, {url!r}',
           got=f'"bio": {body.get("bio")!r}, "image_url": {body.get("image_url")!r}',
           help="Answer PATCH with the same JSON as GET /profiles/<username>: build it in one "
                "helper from the stored profile, not by hand with image_url None.")
    get = client.get("/profiles/ada")
    expect(get, after=[post, patch]).status(200).json_includes({"image_url": url})


def test_apps_share_no_profiles(make_app, tmp_path):
    """two apps built by create_app in one process share no profiles"""
    first = make_app()
    patch = first.test_client().patch("/profiles/ada", data={"bio": "first app only"})
    expect(patch).status(200)
    other = tmp_path / "other.db"
    second = make_app(reimport=False, DATABASE=str(other),
                      SQLALCHEMY_DATABASE_URI=f"sqlite:///{other}")
    get = second.test_client().get("/profiles/ada")
    e = expect(get, after=[patch, "a second create_app(...) in the same process (its own DATABASE)"])
    e.status(200)
    e.that(e.json_object().get("bio") == "", "an empty bio in the second app",
           help="Keep the profiles on the app (app.extensions[\"profiles\"] = {} inside "
                "create_app), not in a module-level dict shared by every app.")


# ------------------------------------------------------------------------------- uploads


def test_apps_keep_their_own_upload_folders(make_app, tmp_path, upload_folder):
    """two apps built in one process each save uploads in, and serve from, their own folder"""
    first = make_app()
    other = tmp_path / "second"
    other.mkdir()
    make_app(reimport=False, UPLOAD_FOLDER=str(other / "uploads"), DATABASE=str(other / "app.db"),
             SQLALCHEMY_DATABASE_URI=f"sqlite:///{other / 'app.db'}")
    client = first.test_client()
    post, url = uploaded(client)
    built = "a second create_app(...) in the same process, with its own UPLOAD_FOLDER"
    saved = [p for p in files_in(upload_folder) if p.read_bytes() == RED]
    strays = [p for p in files_in(other) if p.read_bytes() == RED]
    expect(post, after=[built]).that(
        bool(saved) and not strays, "the file in the first app's UPLOAD_FOLDER",
        got=f"the file in the second app's folder ({show_files(strays, tmp_path)})" if strays
        else "no file with the uploaded bytes in the first app's UPLOAD_FOLDER",
        help="Read current_app.config[\"UPLOAD_FOLDER\"] inside the views. A module global that "
             "create_app sets is shared: the app built last moves every app's uploads.")
    served = fetch(client, url)
    expect(served, after=[built, post]).status(200).that(
        served.get_data() == RED, "the uploaded bytes, served from the first app's folder")


def test_upload_is_saved_under_upload_folder(client, upload_folder):
    """an uploaded image is saved as a file below the configured UPLOAD_FOLDER"""
    response, _ = uploaded(client)
    saved = [p for p in files_in(upload_folder) if p.read_bytes() == RED]
    expect(response).that(
        bool(saved), f"a file with the uploaded bytes below UPLOAD_FOLDER ({upload_folder.name}/)",
        got=f"files there: {show_files(files_in(upload_folder), upload_folder) or 'none'}",
        help="Save into current_app.config[\"UPLOAD_FOLDER\"], read in the view; not into a "
             "folder written into the code, such as static/ beside app.py.")


def test_upload_answers_201_with_the_profile(client):
    """an upload answers 201 with the updated profile: username, bio and the new image_url"""
    patch = client.patch("/profiles/ada", data={"bio": "Engines"})
    expect(patch).status(200)
    post = upload(client, "ada", RED, "me.png")
    e = expect(post, after=[patch]).status(201, help=UPLOAD_HELP + " Answer 201 Created.")
    body = e.json_object()
    e.that(body.get("username") == "ada" and body.get("bio") == "Engines"
           and isinstance(body.get("image_url"), str) and body["image_url"] != "",
           'the whole profile: "username": "ada", "bio": "Engines" and an image_url',
           help="Answer with the same JSON as GET /profiles/<username>, now with its image_url.")


def test_profile_shows_the_uploaded_image(client):
    """after an upload, GET of the profile gives the image_url the upload returned; a second upload replaces it"""
    post, url = uploaded(client)
    get = client.get("/profiles/ada")
    expect(get, after=[post]).status(200).json_includes({"image_url": url})
    again, second_url = uploaded(client, "ada", BLUE, "other.png")
    get = client.get("/profiles/ada")
    expect(get, after=[post, again]).status(200).json_includes({"image_url": second_url})
    served = fetch(client, second_url)
    expect(served, after=[post, again]).status(200).that(
        served.get_data() == BLUE, "the second (blue) image at the new image_url")


def test_image_url_serves_the_same_bytes(client):
    """fetching the returned image_url gives back exactly the uploaded bytes"""
    post, url = uploaded(client)
    parts = urlsplit(url)
    expect(post).that(
        url.startswith("/") or (parts.scheme in ("http", "https") and bool(parts.netloc)),
        "an image_url that is a path from the site's root (/...) or a full URL (http://...)",
        got=f"image_url {url!r}, which a client that read the profile at /profiles/ada takes "
            f"to mean {urlsplit(urljoin(PROFILE_ADDRESS, url)).path}",
        help="Build the URL with url_for(\"<your view>\", filename=name): it starts with '/'. "
             "Without the leading '/' a URL is relative to the address it came from.")
    served = fetch(client, urljoin(PROFILE_ADDRESS, url))
    e = expect(served, after=[post]).status(
        200, help=f"The upload answered image_url {url!r}, so that URL must serve the file. "
                  "send_from_directory(current_app.config[\"UPLOAD_FOLDER\"], name) in a route "
                  "of its own does it; /static/ serves only the static folder beside app.py.")
    e.that(served.get_data() == RED, f"the {len(RED)} bytes that were uploaded",
           got=f"{len(served.get_data())} other bytes")


def test_two_users_with_the_same_file_name_keep_their_own_images(clock, client):
    """ada and grace upload me.png at the same instant, and each profile serves its own image"""
    first, ada_url = uploaded(client, "ada", RED, "me.png")
    second, grace_url = uploaded(client, "grace", BLUE, "me.png")
    served = fetch(client, ada_url)
    e = expect(served, after=[first, second]).status(200)
    e.that(served.get_data() == RED, "ada's own (red) image at ada's image_url",
           got="grace's image" if served.get_data() == BLUE else "other bytes",
           help="Two clients may send the same file name at the same instant: save each upload "
                "under a name of its own (a random prefix, or a generated name), not a "
                "timestamp, so one cannot overwrite another.")


def test_look_alike_usernames_keep_their_own_images(client):
    """jose and josé (alike to secure_filename) both upload me.png, and each keeps their own"""
    first, jose_url = uploaded(client, "jose", RED, "me.png")
    second, accent_url = uploaded(client, "josé", BLUE, "me.png")
    for url, content, whose in ((jose_url, RED, "jose's own (red)"),
                                (accent_url, BLUE, "josé's own (blue)")):
        served = fetch(client, url)
        e = expect(served, after=[first, second]).status(200)
        e.that(served.get_data() == content, f"{whose} image at {url}",
               got="the other user's image" if served.get_data() in (RED, BLUE) else "other bytes",
               help="secure_filename(\"josé\") is \"jose\": a cleaned username is no unique "
                    "prefix. Give every upload a random part of its own (secrets.token_hex(8), "
                    "or a uuid4 name).")


def test_very_long_file_name_is_accepted(client, upload_folder):
    """a 300-character file name is accepted (201) and its image_url serves the picture"""
    name = "a" * 296 + ".png"
    post = upload(client, "ada", RED, name)
    e = expect(post).status(201, help="The file name had 300 characters. secure_filename keeps "
                                      "them all, and most file systems refuse a file name longer "
                                      "than 255 bytes, so saving under it raises. Keep only the "
                                      "end of the cleaned name (name[-100:] still ends in the "
                                      "extension), or make up a name of your own.")
    url = e.json_object().get("image_url")
    e.that(isinstance(url, str) and url != "", "an image_url in the answer")
    served = fetch(client, url)
    expect(served, after=[post]).status(200).that(
        served.get_data() == RED, f"the {len(RED)} bytes that were uploaded",
        got=f"{len(served.get_data())} other bytes")


def test_dotdot_file_names_cannot_escape_upload_folder(client, tmp_path, config):
    """names like ../../etc/passwd.png cannot write outside UPLOAD_FOLDER"""
    uploads_stay_inside(client, ("../../etc/passwd.png", "../escaped.png",
                                 "....//....//etc/trick.png", "..%2F..%2Fx.png"), tmp_path, config)


def test_absolute_file_name_cannot_escape_upload_folder(client, tmp_path, config):
    """an absolute file name (/.../pwned.png) cannot write outside UPLOAD_FOLDER"""
    uploads_stay_inside(client, (str(tmp_path / "site" / "pwned.png"),), tmp_path, config)


# ------------------------------------------------------------------------------- refusals


def test_missing_file_part_gives_400_naming_image(client, upload_folder):
    """an upload without an image part (the file sent as 'file') gives a JSON 400 naming image"""
    response = upload(client, "ada", RED, "me.png", field="file")
    expect(response).json_error(
        400, help="request.files[\"image\"] crashes when the part is missing: use "
                  "request.files.get(\"image\") and answer 400 when it is None.")
    expect(response).mentions("image")
    expect(response).that(not files_in(upload_folder), "nothing saved",
                          got=f"saved: {show_files(files_in(upload_folder), upload_folder)}")


def test_empty_filename_gives_400(client, upload_folder):
    """an image part with an empty filename (no file chosen) gives a JSON 400"""
    response = upload(client, "ada", b"", "")
    expect(response).json_error(
        400, help="A form submitted without choosing a file still sends the part, with the "
                  "filename \"\": test `file.filename == \"\"` and answer 400.")
    expect(response).that(not files_in(upload_folder), "nothing saved",
                          got=f"saved: {show_files(files_in(upload_folder), upload_folder)}")


def test_disallowed_extensions_give_400_and_save_nothing(client, upload_folder):
    """.exe, .html and .svg files are refused with a JSON 400 and nothing is saved"""
    for name in ("setup.exe", "page.html", "drawing.svg", "noextension", "mypng", "png",
                 "photo.", "shot.jpgx"):
        # The client claims image/png for every part: the type is the client's word, not proof.
        response = upload(client, "ada", RED, name, declared="image/png")
        e = expect(response)
        e.json_error(400, help=f"The file name was {name!r} (declared as image/png). Judge the "
                               "extension after the last dot (png, jpg, jpeg, gif, webp only), "
                               "not the content type the client claims, and answer 400 for "
                               "anything else, a name without a dot included.")
        e.that(not files_in(upload_folder), "nothing saved after a refused upload",
               got=f"saved: {show_files(files_in(upload_folder), upload_folder)}",
               help="Check the extension before calling file.save(...).")


def test_picture_is_served_with_the_type_of_its_extension(client):
    """a .jpg is served as image/jpeg and a .gif as image/gif, whatever type the client said"""
    for name, content, expected in (("photo.jpg", JPEG, "image/jpeg"),
                                    ("anim.gif", GIF, "image/gif")):
        post, url = uploaded(client, "ada", content, name, declared="application/octet-stream")
        served = fetch(client, url)
        e = expect(served, after=[post]).status(200)
        # send_from_directory asks mimetypes, which on some machines reads the system's table.
        e.that(served.mimetype in {expected, mimetypes.guess_type(name)[0]},
               f"Content-Type: {expected} for {name}",
               got=f"Content-Type: {served.headers.get('Content-Type')}",
               help="Keep the checked extension in the name you save under (lower-cased is "
                    "fine): send_from_directory sets the Content-Type from it. A name that "
                    "always ends in .png labels every JPEG image/png.")


def test_extension_check_ignores_case(client):
    """ME.PNG and photo.JPeG are accepted: extensions are compared in lower case"""
    for name in ("ME.PNG", "photo.JPeG"):
        response = upload(client, "ada", RED, name)
        expect(response).status(200, 201, help="Lower-case the extension before comparing: "
                                               "name.rsplit(\".\", 1)[1].lower().")


def test_only_the_last_extension_counts(client, upload_folder):
    """cat.png.html and png.exe are refused with 400: only the last extension counts"""
    for name in ("cat.png.html", "png.exe"):
        response = upload(client, "ada", RED, name)
        expect(response).json_error(
            400, help="Testing whether \"png\" occurs somewhere in the name lets cat.png.html "
                      "through. Take the part after the last dot: name.rsplit(\".\", 1)[1].")
        expect(response).that(not files_in(upload_folder), "nothing saved",
                              got=f"saved: {show_files(files_in(upload_folder), upload_folder)}")


def test_body_over_max_content_length_gives_413(client, config, upload_folder):
    """an upload larger than MAX_CONTENT_LENGTH gives 413 and nothing is saved"""
    limit = config["MAX_CONTENT_LENGTH"]
    big = RED + b"\0" * (limit + 1024)
    response = upload(client, "ada", big, "huge.png")
    e = expect(response)
    e.status(413, help=f"The checks set MAX_CONTENT_LENGTH to {limit} bytes. Keep the value "
                       "from config (don't overwrite it after merging) and let Flask refuse the "
                       "body; don't catch the 413 and turn it into something else.")
    e.json_error(413)
    e.that(not files_in(upload_folder), "nothing saved",
           got=f"saved: {show_files(files_in(upload_folder), upload_folder)}")
    body, content_type = multipart_of_size(limit + 1)
    response = client.post("/profiles/ada/upload-image", data=body, content_type=content_type)
    e = expect(response)
    e.json_error(413, help=f"The whole body was {limit + 1} bytes, one over MAX_CONTENT_LENGTH.")
    e.that(not files_in(upload_folder), "nothing saved",
           got=f"saved: {show_files(files_in(upload_folder), upload_folder)}")


def test_body_of_exactly_max_content_length_is_accepted(client, config):
    """a body of exactly MAX_CONTENT_LENGTH bytes is accepted: only a longer one gets 413"""
    limit = config["MAX_CONTENT_LENGTH"]
    body, content_type = multipart_of_size(limit)
    response = client.post("/profiles/ada/upload-image", data=body, content_type=content_type)
    expect(response).status(201, help=f"The whole body was exactly {limit} bytes, the "
                                      "MAX_CONTENT_LENGTH itself. Flask refuses only a body "
                                      "larger than the limit; a test of your own with >= "
                                      "refuses it one byte early. Leave the 413 to Flask.")


def test_upload_under_max_content_length_is_accepted(client, config):
    """an upload a little smaller than MAX_CONTENT_LENGTH is accepted"""
    limit = config["MAX_CONTENT_LENGTH"]
    content = RED + b"\0" * (limit - len(RED) - 2048)
    response = upload(client, "ada", content, "large.png")
    expect(response).status(201, help=f"The checks set MAX_CONTENT_LENGTH to {limit} bytes and "
                                      f"sent {len(content)} bytes of file: that is within the "
                                      "limit. Use the limit from config; don't add a smaller one "
                                      "of your own.")


# ------------------------------------------------------------------------ serving files


def test_unknown_upload_name_gives_json_404(client):
    """the route that serves uploads answers a JSON 404 for a name never uploaded"""
    post, url = uploaded(client)
    missing = route_prefix(url) + "never-uploaded-4f2a.png"
    response = client.get(missing)
    expect(response, after=[post]).json_error(
        404, help="send_from_directory(current_app.config[\"UPLOAD_FOLDER\"], name) answers 404 "
                  "for a file that is not there; send_file(os.path.join(...)) crashes instead.")


def test_upload_route_serves_nothing_outside_the_folder(client, upload_folder):
    """the route that serves uploads gives out no file outside UPLOAD_FOLDER, however .. is spelled"""
    secret = upload_folder.parent / "secret.txt"
    secret.write_bytes(b"top secret, outside the upload folder")
    # A folder beside it whose name starts the same: path.startswith(folder) lets it through.
    sibling = upload_folder.parent / f"{upload_folder.name}-old"
    sibling.mkdir()
    (sibling / "secret.txt").write_bytes(b"top secret, in a folder beside the upload folder")
    post, url = uploaded(client)
    prefix = route_prefix(url)
    probes = [(label, part, secret.name) for label, part in escapes("secret.txt", depth=1)
              if "passwd" not in part]
    probes.append(("an absolute path", quote(str(secret), safe=""), secret.name))
    inside = f"{sibling.name}/secret.txt"
    probes += [(f"{label}, into {sibling.name}/", part, inside)
               for label, part in escapes(inside, depth=1) if "passwd" not in part]
    for label, part, shown in probes:
        response = client.get(prefix + part)
        if response.status_code == 200 and b"top secret" in response.get_data():
            fail(f"no file from outside UPLOAD_FOLDER ({label})",
                 f"status 200 with the contents of {shown}, beside UPLOAD_FOLDER "
                 f"({upload_folder.name}/)",
                 request=getattr(response, "flaskcourse_request", f"GET {prefix}{part}"),
                 help="Serve uploads with send_from_directory(current_app.config[\"UPLOAD_FOLDER\"], "
                      "filename): it refuses any name that would leave the folder. "
                      "send_file(os.path.join(folder, filename)) follows '..' anywhere, and "
                      "path.startswith(folder) also lets in a folder whose name starts the same.")

