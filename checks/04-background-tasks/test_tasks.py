"""Lesson 04: POST /tasks, POST /tasks/<id>/complete, and a notification sent in the background.

The contract the lesson teaches: completing a task answers at once; NOTIFY_DELAY seconds later,
in another thread, the app calls NOTIFIER(task) once, with the task as a dict. The checks build
the app with a short delay and a notifier that records its calls (see conftest.py), then wait for
those calls with a bound. How the learner gets there (Thread or Timer or an executor, a lock or a
flag, 200 or 409 for the second completion) is up to them.
"""

import gc
import inspect
import threading
import time

from flaskcourse.checking import expect, fail, show_json
from flaskcourse.checking.payloads import NOT_A_STRING, bad_bodies, bad_fields
from flaskcourse.checking.inspect_app import learner_modules
from flaskcourse.checking.pause_points import called_during, pause_points
from flaskcourse.checking.races import interleave
from flaskcourse.checking.spy import spy_on
from flaskcourse.checking.threads import Recorder

PATIENCE = 1.0
"""How long a check waits for a notification that should come after NOTIFY_DELAY (four times it)."""

LATE = 0.5
"""A notification later than NOTIFY_DELAY plus this is not using the configured delay."""

ONCE = 1.5
"""Waits asked for (time.sleep, Event.wait, a Timer) adding up to more than NOTIFY_DELAY times this
before one notification: the delay was waited twice (or a number of the code's own was)."""

HOLD = 2.0
"""How long a held notifier waits at most for the check to let it go."""

TITLE = "Deploy app"
EMAIL = "dev@example.com"

NEEDS_CREATE = (
    "This check creates a task first, and that did not work. Make POST /tasks with "
    "{\"title\": ...} answer 201 and the new task with its integer \"id\"; then this check can "
    "test the rest."
)
NEVER_STARTED = (
    "Look at how the thread is made: it needs .start() (creating a Thread does not run it), and "
    "target= takes the function itself, with its arguments in args=(...): target=f(task) calls f "
    "right now. The thread runs outside the request, so current_app does not work in it: read "
    "NOTIFIER and NOTIFY_DELAY from current_app.config in the view and pass them to the thread."
)

STILL_WAITING = (
    "A thread your app started is still running, so the notification is on its way, only later "
    "than NOTIFY_DELAY. Does the thread sleep the delay read from current_app.config["
    "\"NOTIFY_DELAY\"] in the view, or a number of its own?"
)

OUTSIDE_CONTEXT = (
    "The thread runs after the request has ended, outside the app context, so current_app and "
    "request do not work in it. Read NOTIFIER and NOTIFY_DELAY from current_app.config in the "
    "view and pass them to the thread in args=(...)."
)


# ---------------------------------------------------------------------------------- helpers


def field(call, name):
    """A field of the task the notifier was given (a dict or an object), or None."""
    task = call.argument("task")
    return task.get(name) if isinstance(task, dict) else getattr(task, name, None)


def is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def create(client, title=TITLE, user_email=EMAIL):
    """POST a task and return (response, task); fail clearly if that step itself is broken."""
    __tracebackhide__ = True
    response = client.post("/tasks", json={"title": title, "user_email": user_email})
    e = expect(response)
    e.that(response.status_code in (200, 201), "status 201 from POST /tasks", help=NEEDS_CREATE)
    task = e.json_object()
    e.that(is_int(task.get("id")), 'the new task with an integer "id"', help=NEEDS_CREATE)
    return response, task


def complete(client, task_id):
    """POST /tasks/<id>/complete; return the response, when it was sent and how long it took."""
    sent = time.monotonic()
    response = client.post(f"/tasks/{task_id}/complete")
    return response, sent, time.monotonic() - sent


def completed(client, task_id, after=()):
    """Complete a task that exists; the answer must be 200. Returns the response and when it was sent."""
    __tracebackhide__ = True
    response, sent, _ = complete(client, task_id)
    expect(response, after=after).status(200, help=(
        "This check needs POST /tasks/<id>/complete to answer 200 for a task that exists."))
    return response, sent


def shown_calls(calls):
    if not calls:
        return "no call of NOTIFIER"
    return f"{len(calls)} call{'s' if len(calls) > 1 else ''} of NOTIFIER: " + "; ".join(
        call.shown("NOTIFIER") for call in calls)


def never_came(e, notifier, thread_errors, new_threads, delay, what="one call of NOTIFIER(task)"):
    """Fail: no notification arrived within PATIENCE seconds."""
    __tracebackhide__ = True
    raised = thread_errors.described()
    if raised and "context" in raised:
        raised = f"{OUTSIDE_CONTEXT}\n{raised}"
    waiting = bool(new_threads())
    e.fail(f"{what}, about {delay:g} s after the response (NOTIFY_DELAY)",
           got=f"{shown_calls(notifier.calls)} within {PATIENCE:g} s",
           help=raised or (STILL_WAITING if waiting else NEVER_STARTED))


# ------------------------------------------------------------------------------- the tasks


def test_create_gives_201_with_the_new_task(client):
    """POST /tasks answers 201 with the new task: an integer id, its title and completed false"""
    response = client.post("/tasks", json={"title": TITLE, "user_email": EMAIL})
    e = expect(response).status(201)
    task = e.json_object()
    e.that(is_int(task.get("id")) and task.get("title") == TITLE and task.get("completed") is False,
           f'the new task as a JSON object with an integer "id", "title": "{TITLE}" and '
           '"completed": false')


def test_create_without_user_email_gives_201(client):
    """POST /tasks without a user_email (missing or null) still creates the task: 201"""
    for label, body in (("no user_email", {"title": TITLE}),
                        ("user_email null", {"title": TITLE, "user_email": None})):
        response = client.post("/tasks", json=body)
        e = expect(response).status(201, help=f"Sent: {label}. user_email is optional: refuse it "
                                              "only when it is there and not a string.")
        task = e.json_object()
        e.that(is_int(task.get("id")) and task.get("title") == TITLE,
               f'the new task with an integer "id" and "title": "{TITLE}"')


def test_create_without_a_usable_title_gives_400(client):
    """POST /tasks whose title is missing, blank or not a string, or whose body is not a JSON object, gives 400 as JSON"""
    valid = {"title": TITLE, "user_email": EMAIL}
    # JSON text sent as text/plain is left out: parsing it anyway (get_json(force=True)) is fine.
    bodies = [(label, kwargs) for label, kwargs in bad_bodies(valid) if "text/plain" not in label]
    bodies.append(("plain text", {"data": "title=Deploy app", "content_type": "text/plain"}))
    for label, kwargs in [*bad_fields(valid, "title"), *bodies]:
        expect(client.post("/tasks", **kwargs)).json_error(400, help=(
            f"Sent: {label}. Read the body with request.get_json(silent=True), refuse anything "
            "that is not a dict, and refuse a title that is not a string with something in it "
            "besides spaces (isinstance(title, str) and title.strip())."))


def test_a_new_task_is_never_completed(client):
    """POST /tasks with "completed": true in the body still makes a task that is not done yet"""
    response = client.post("/tasks", json={"title": TITLE, "user_email": EMAIL, "completed": True})
    e = expect(response)
    if response.status_code == 400:
        e.json_error(400)
        return
    e.status(201, 400, help="Sent: a body with \"completed\": true. Read only title and user_email "
                            "from the body (or refuse the other keys with 400).")
    task = e.json_object()
    e.that(task.get("completed") is False,
           'the new task with "completed": false: a task is completed only by POST '
           '/tasks/<id>/complete, which is what notifies',
           help="Build the new task from title and user_email alone: a \"completed\" in the body "
                "would make a task that is done already, and is never notified.")


def test_create_with_a_non_string_user_email_gives_400(client):
    """POST /tasks whose user_email is there but not a string gives 400 as JSON"""
    for label, value in NOT_A_STRING:
        if value is None:
            continue  # null is the same as no user_email: allowed
        response = client.post("/tasks", json={"title": TITLE, "user_email": value})
        expect(response).json_error(400, help=(
            f"Sent: user_email is {label}. user_email is optional, but when it is there (and not "
            "null) it must be a string: `if email is not None and not isinstance(email, str)`."))


def test_list_shows_every_task(client):
    """GET /tasks answers 200 with a list of every task created, completed ones included"""
    made = [create(client, title=title) for title in ("Write the docs", TITLE, "Ship it")]
    done, _ = completed(client, made[1][1]["id"], after=[r for r, _ in made])
    listing = client.get("/tasks")
    e = expect(listing, after=[*(r for r, _ in made), done]).status(200)
    body = e.json()
    e.that(isinstance(body, list), "a JSON list of tasks")
    got = {(t.get("id"), t.get("title"), t.get("completed")) for t in body if isinstance(t, dict)}
    wanted = {(t["id"], t["title"], t["id"] == made[1][1]["id"]) for _, t in made}
    e.that(got == wanted and len(body) == 3,
           "the three tasks, with the second one \"completed\": true and the others false")


def test_complete_answers_200_with_the_task_done(client):
    """POST /tasks/<id>/complete answers 200 with the task, now "completed": true"""
    created, task = create(client)
    response, _, _ = complete(client, task["id"])
    expect(response, after=[created]).status(200).json_includes(
        {"id": task["id"], "completed": True})


def test_unknown_task_gives_404_json(client, notifier, thread_errors, new_threads, delay):
    """completing a task that does not exist gives 404 as JSON, and no notification, not even later"""
    created, task = create(client)
    missing = task["id"] + 1000
    response, _, _ = complete(client, missing)
    e = expect(response, after=[created])
    e.json_error(404, help=(
        f"There is no task {missing}: answer abort(404) before doing anything else (a KeyError "
        "from tasks[task_id] is a 500)."))
    # A notification for the unknown id would be due before the real task's, started after it.
    real, _ = completed(client, task["id"], after=[created, response])
    e = expect(response, after=[created, "then", real])
    if not notifier.wait_for(1, PATIENCE):
        never_came(e, notifier, thread_errors, new_threads, delay,
                   what=f"one call of NOTIFIER for task {task['id']}")
    notifier.wait_for(2, 0.1)
    strays = [call for call in notifier.calls if field(call, "id") != task["id"]]
    e.that(not strays, f"no notification for task {missing}, which does not exist",
           got=shown_calls(notifier.calls),
           help="Answer 404 before starting any thread: an unknown id must not be notified.")


# ------------------------------------------------------------------------- the background


def test_complete_answers_without_waiting_for_the_delay(client, delay):
    """completing a task answers at once, without waiting NOTIFY_DELAY seconds"""
    created, task = create(client)
    response, _, took = complete(client, task["id"])
    e = expect(response, after=[created]).status(200)
    e.that(took < delay / 2,
           f"the answer in well under NOTIFY_DELAY ({delay:g} s): the notification waits in "
           "the background, the client does not",
           got=f"the answer after {took:.2f} s",
           help="The request must not wait for the notification: start the thread and return. "
                "No thread.join(), and no time.sleep() in the view itself.")


def test_complete_request_waits_for_nothing(make_app, waits):
    """the complete request waits for nothing: no join() of the thread, not even with a timeout"""
    client = make_app().test_client()
    created, task = create(client)
    start = waits.mark("request-start", task["id"])
    response, _, _ = complete(client, task["id"])
    end = waits.mark("request-end", task["id"])
    e = expect(response, after=[created]).status(200)
    asked = [entry for entry in waits.waits(threading.get_ident(), start.seq, end.seq,
                                            kinds=("wait", "join")) if entry.seconds > 0]
    shown = ", ".join("join() of a running thread" if entry.kind == "join" and entry.seconds == float("inf")
                      else f"join(timeout={entry.seconds:g})" if entry.kind == "join"
                      else f"a wait of {entry.seconds:g} s (time.sleep, Event.wait)"
                      for entry in asked)
    e.that(not asked, "a view that starts the notification and returns, waiting for nothing",
           got=f"the view asked for {shown}",
           help="start() and return: the thread runs on its own. Any join() (even with a short "
                "timeout, \"to let the thread get going\") or sleep makes every client wait.")


def test_notification_is_not_sent_before_the_response(client, notifier):
    """when the complete call answers, the notification has not been sent yet"""
    created, task = create(client)
    response, _ = completed(client, task["id"], after=[created])
    calls = notifier.calls
    expect(response, after=[created]).that(
        not calls, "no notification yet when the response arrives: it comes NOTIFY_DELAY "
        "seconds later, from a background thread",
        got=f"{shown_calls(calls)} already, before the response",
        help="The view called the notifier itself (or waited for the thread with join()). "
             "Hand the work to a thread and return; the thread sleeps NOTIFY_DELAY, then notifies.")


def test_notification_is_sent_later_exactly_once(client, notifier, thread_errors, new_threads, delay):
    """the notification is sent once, some time after the response, and never a second time"""
    created, task = create(client)
    response, _ = completed(client, task["id"], after=[created])
    e = expect(response, after=[created])
    if not notifier.wait_for(1, PATIENCE):
        never_came(e, notifier, thread_errors, new_threads, delay)
    second = notifier.wait_for(2, delay)
    e.that(not second, "exactly one call of NOTIFIER(task) for one completed task",
           got=shown_calls(notifier.calls),
           help="Call the notifier once, at the end of the thread's function, and start one "
                "thread per completed task.")


def test_notification_waits_for_notify_delay(make_app, notifier, waits, thread_errors, new_threads,
                                             delay):
    """the notification comes NOTIFY_DELAY seconds after the request, not sooner, not much later"""
    client = make_app(NOTIFIER=waits.notifier(notifier)).test_client()
    created, task = create(client)
    start = waits.mark("request-start", task["id"])
    response, sent = completed(client, task["id"], after=[created])
    e = expect(response, after=[created])
    if not notifier.wait_for(1, PATIENCE):
        never_came(e, notifier, thread_errors, new_threads, delay)
    lag = notifier.calls[0].at - sent
    e.that(lag >= delay * 0.9,
           f"the notification {delay:g} s (NOTIFY_DELAY) after the request",
           got=f"the notification {lag:.2f} s after the request",
           help="The thread must wait before it notifies: time.sleep(delay) first, with the "
                "delay read from app.config[\"NOTIFY_DELAY\"] in the view.")
    e.that(lag <= delay + LATE,
           f"the notification {delay:g} s (NOTIFY_DELAY, as configured) after the request",
           got=f"the notification {lag:.2f} s after the request",
           help="Read the delay from current_app.config[\"NOTIFY_DELAY\"] instead of writing a "
                "number into the code: the checks configure a short one.")
    # What the app asked to wait for, whatever the machine's load: NOTIFY_DELAY, once.
    called = waits.first("notify-in")
    asked = waits.waits(called.thread, start.seq, called.seq) if called else []
    total = sum(entry.seconds for entry in asked)
    e.that(total <= delay * ONCE,
           f"the thread to wait NOTIFY_DELAY ({delay:g} s) once before it notifies",
           got=f"the thread that notified asked to wait {total:g} s in all before it did ("
               + " + ".join(f"{entry.seconds:g} s" for entry in asked) + ")",
           help="Wait once. threading.Timer(delay, f) already waits delay seconds before it calls "
                "f: then f must not sleep too. Or start a Thread whose function sleeps delay, "
                "then notifies.")


def test_notification_runs_in_a_background_thread(client, notifier, thread_errors, new_threads, delay):
    """the notifier is called from a background thread, not from the request's own thread"""
    created, task = create(client)
    response, _ = completed(client, task["id"], after=[created])
    e = expect(response, after=[created])
    if not notifier.wait_for(1, PATIENCE):
        never_came(e, notifier, thread_errors, new_threads, delay)
    call = notifier.calls[0]
    e.that(call.thread_id != threading.get_ident(),
           "NOTIFIER called from a thread of its own",
           got=f"NOTIFIER called in the thread that answered the request ({call.thread_name!r})",
           help="threading.Thread(target=send_later, args=(...)) and then .start(). "
                "target=send_later(...) would call the function right here, in the request.")


def test_notification_carries_the_task(client, notifier, thread_errors, new_threads, delay):
    """the notifier is given the completed task: its id and its title"""
    first, _ = create(client, title="Write the docs")
    second, task = create(client, title=TITLE)
    response, _ = completed(client, task["id"], after=[first, second])
    e = expect(response, after=[first, second])
    if not notifier.wait_for(1, PATIENCE):
        never_came(e, notifier, thread_errors, new_threads, delay)
    call = notifier.calls[0]
    given = call.argument("task")
    e.that(isinstance(given, dict) and given.get("id") == task["id"]
           and given.get("title") == TITLE and given.get("completed") is True,
           f'NOTIFIER(task) with the task just completed, as a dict: "id": {task["id"]}, '
           f'"title": "{TITLE}", "completed": true',
           got=call.shown("NOTIFIER"),
           help="Pass the task as the complete call answers it (a dict, completed true) to the "
                "thread (args=(notifier, delay, task)); the notifier is called with that one "
                "argument.")


def test_notifier_gets_a_copy_of_the_task(make_app, delay, thread_errors, new_threads):
    """the notifier gets a copy of the task: changing that dict changes nothing the app keeps"""
    changed = Recorder()

    def meddling_notifier(task):
        changed(task)
        if isinstance(task, dict):
            task["title"] = "changed by the notifier"
            task["completed"] = False

    client = make_app(NOTIFIER=meddling_notifier).test_client()
    created, task = create(client)
    response, _ = completed(client, task["id"], after=[created])
    e = expect(response, after=[created])
    if not changed.wait_for(1, PATIENCE):
        never_came(e, changed, thread_errors, new_threads, delay)
    listing = client.get("/tasks")
    e = expect(listing, after=[created, response, "a notifier that set the title of the dict it "
                                                  "got to 'changed by the notifier'"]).status(200)
    body = e.json()
    kept = [t for t in body if isinstance(t, dict) and t.get("id") == task["id"]] \
        if isinstance(body, list) else []
    e.that(bool(kept) and kept[0].get("title") == TITLE and kept[0].get("completed") is True,
           f'task {task["id"]} as it was: "title": "{TITLE}", "completed": true',
           help="The thread got the very dict the store keeps. Pass a copy, dict(task), so "
                "nothing outside the store (the thread, the notifier) can change it.")


def test_completing_twice_notifies_once(client, notifier, thread_errors, new_threads, delay):
    """completing the same task twice sends one notification, not two"""
    created, task = create(client)
    first, _ = completed(client, task["id"], after=[created])
    again, _, _ = complete(client, task["id"])
    e = expect(again, after=[created, first])
    if not notifier.wait_for(1, PATIENCE):
        never_came(e, notifier, thread_errors, new_threads, delay)
    e.that(not notifier.wait_for(2, delay),
           "exactly one notification: the task was completed once, the second call changes "
           "nothing", got=shown_calls(notifier.calls),
           help="Start the notification only when this request is the one that changed "
                "\"completed\" from false to true. Look and set under a lock, so two requests at "
                "the same moment cannot both see false.")


def test_completing_twice_answers_200_or_409(client):
    """completing a task that is already done answers 200 (task still done) or 409, as JSON"""
    created, task = create(client)
    first, _ = completed(client, task["id"], after=[created])
    again, _, _ = complete(client, task["id"])
    e = expect(again, after=[created, first])
    if again.status_code == 409:
        e.json_error(409)
        return
    e.status(200, 409, help="A second completion is either a no-op (200 with the task, still "
                            "completed) or a conflict (409); it is not an error of the server.")
    e.json_includes({"id": task["id"], "completed": True})


def test_several_tasks_are_each_notified_on_time(client, notifier, thread_errors, new_threads, delay):
    """four tasks completed one after another are each notified about NOTIFY_DELAY after their own request"""
    made = [create(client, title=f"Task {n}") for n in range(1, 5)]
    sent = {}
    steps = [r for r, _ in made]
    for _, task in made:
        response, at = completed(client, task["id"], after=steps)
        sent[task["id"]] = at
        steps.append(response)
    e = expect(steps[-1], after=steps[:-1])
    if not notifier.wait_for(1, PATIENCE) or not notifier.wait_for(4, PATIENCE + delay * 4):
        never_came(e, notifier, thread_errors, new_threads, delay, what="four calls of NOTIFIER, one per task")
    for call in notifier.calls:
        task_id = field(call, "id")
        if task_id not in sent:
            continue
        lag = call.at - sent[task_id]
        e.that(lag <= delay + LATE,
               f"each notification about {delay:g} s (NOTIFY_DELAY) after its own request",
               got=f"task {task_id} notified {lag:.2f} s after its request",
               help="One notification must not wait for another's delay: start a thread per "
                    "completed task (or a pool large enough), not one worker that sleeps each "
                    "delay in turn.")


def test_no_notification_waits_for_another_to_be_sent(make_app, notifier, waits, thread_errors,
                                                       new_threads, delay):
    """four tasks completed together: no thread starts a task's delay only after notifying another"""
    requests_done = threading.Event()
    client = make_app(NOTIFIER=waits.notifier(notifier, hold=(requests_done, HOLD))).test_client()
    made = [create(client, title=f"Task {n}") for n in range(1, 5)]
    steps = [r for r, _ in made]
    try:
        for _, task in made:
            waits.mark("request-start", task["id"])
            response, _ = completed(client, task["id"], after=steps)
            waits.mark("request-end", task["id"])
            steps.append(response)
        last = waits.mark("requests-done")
    finally:
        requests_done.set()
    e = expect(steps[-1], after=steps[:-1])
    if not notifier.wait_for(4, PATIENCE + delay * 4):
        never_came(e, notifier, thread_errors, new_threads, delay,
                   what="four calls of NOTIFIER, one per task")
    entries = list(waits.entries)
    for called in (entry for entry in entries if entry.kind == "notify-in"):
        before = [entry for entry in entries if entry.kind == "notify-out" and entry.seq < called.seq
                  and entry.thread == called.thread]
        # Judged only after a notification that ended once every request had: task called.task was
        # completed by then, and no request could wake the thread any more.
        if not before or before[-1].seq < last.seq:
            continue
        asked = waits.waits(called.thread, before[-1].seq, called.seq)
        total = sum(entry.seconds for entry in asked)
        e.that(total < delay * (1 - 1e-6),
               "each notification NOTIFY_DELAY after its own request: a thread that has just sent "
               "one notification waits only what is left of another task's delay",
               got=f"the thread that notified task {before[-1].task} then waited {total:g} s, a whole "
                   f"NOTIFY_DELAY, before it notified task {called.task}, completed long before",
               help="One notification must not wait for another's delay: a pool of two workers "
                    "makes the third task wait for a free worker, and only then sleep its delay. "
                    "Start a thread per completed task (or a threading.Timer).")


def test_each_completed_task_gets_its_own_notification(client, notifier, thread_errors, new_threads, delay):
    """two tasks completed one after the other get one notification each"""
    made_a, a = create(client, title="Write the docs")
    made_b, b = create(client, title=TITLE)
    done_a, _ = completed(client, a["id"], after=[made_a, made_b])
    done_b, _ = completed(client, b["id"], after=[made_a, made_b, done_a])
    e = expect(done_b, after=[made_a, made_b, done_a])
    if not notifier.wait_for(2, PATIENCE):
        never_came(e, notifier, thread_errors, new_threads, delay, what="two calls of NOTIFIER, one per task")
    ids = sorted(show_json(field(call, "id")) for call in notifier.calls)
    e.that(ids == sorted([show_json(a["id"]), show_json(b["id"])]),
           f'one notification for task {a["id"]} and one for task {b["id"]}',
           got=shown_calls(notifier.calls))


def test_a_task_without_user_email_is_notified_too(make_app, notifier, thread_errors,
                                                    new_threads, delay):
    """a task created without a user_email is notified like any other when it is completed"""
    client = make_app().test_client()
    created = client.post("/tasks", json={"title": TITLE})
    task = expect(created).status(201).json_object()
    response, _ = completed(client, task.get("id"), after=[created])
    e = expect(response, after=[created])
    if not notifier.wait_for(1, PATIENCE):
        never_came(e, notifier, thread_errors, new_threads, delay,
                   what="one call of NOTIFIER(task) for a task without a user_email")
    e.that(field(notifier.calls[0], "id") == task.get("id"),
           f'NOTIFIER called with task {task.get("id")}', got=shown_calls(notifier.calls),
           help="NOTIFIER is called once per completed task, with or without a user_email: what "
                "to do with a task that has no address is the notifier's business, not the "
                "route's.")


def test_each_app_notifies_its_own_tasks(make_app, thread_errors, new_threads, delay):
    """two apps built one after the other in one process (as a test suite does) each notify their task 1"""
    for run in (1, 2):
        notifier = Recorder()
        # The second app comes from the module already imported: a test suite builds an app
        # per test with create_app, in one process.
        client = make_app(reimport=run == 1, NOTIFIER=notifier).test_client()
        created, task = create(client)
        response, _ = completed(client, task["id"], after=[created])
        e = expect(response, after=[created, f"(app {run} of 2, each built with create_app from "
                                             "the same imported module, as a test suite does: "
                                             "the first completed its task 1 too)" if run == 2 else "(app 1 of 2)"])
        if not notifier.wait_for(1, PATIENCE):
            never_came(e, notifier, thread_errors, new_threads, delay, what=(
                "one call of NOTIFIER in this app too" if run == 2 else
                "one call of NOTIFIER(task)"))


def test_a_config_changed_after_create_app_is_used(make_app, notifier, thread_errors,
                                                   new_threads):
    """NOTIFIER and NOTIFY_DELAY are read at each complete: a config changed after create_app is used"""
    app = make_app(NOTIFY_DELAY=30.0)
    later = Recorder()
    app.config.update(NOTIFY_DELAY=0.1, NOTIFIER=later)
    client = app.test_client()
    created, task = create(client)
    response, _ = completed(client, task["id"], after=[created])
    e = expect(response, after=[created, "app.config.update(NOTIFY_DELAY=0.1, NOTIFIER=<a new "
                                         "recorder>) after create_app, before these requests"])
    if not later.wait_for(1, PATIENCE):
        e.fail("one call of the NOTIFIER now in app.config, about 0.1 s after the request",
               got=f"{shown_calls(later.calls)} within {PATIENCE:g} s"
                   + (f" (the NOTIFIER given to create_app got {len(notifier.calls)})"
                      if notifier.calls else ""),
               help="Read NOTIFIER and NOTIFY_DELAY from current_app.config in the view, at each "
                    "request, not once in create_app: a test (or a deployment) may change "
                    "app.config after the app is built.")


# ------------------------------------------------------------------------------- the race


RACE_PATIENCE = 0.5
"""How long the race check waits for the one notification (NOTIFY_DELAY is 0 there)."""

SECOND_CALL = 0.2
"""How long it then waits for a second notification that must not come."""

MAX_HOLDS = 10

MAX_READ_HOLDS = 3
"""Holds right after a read of the stored task's "completed" (the first few reads)."""


class WatchedTask(dict):
    """A stored task (a dict) that calls its ``looked`` each time "completed" is read from it."""

    def looked(self):
        """Where the race holds the first request: right after a read of "completed"."""

    def __getitem__(self, key):
        value = dict.__getitem__(self, key)
        if key == "completed":
            self.looked()
        return value

    def get(self, key, default=None):
        value = dict.get(self, key, default)
        if key == "completed":
            self.looked()
        return value


def stored_task(app, task_id):
    """The dict the app keeps for task ``task_id`` (in app.extensions or the learner's module
    globals, a few containers deep), or None: tasks kept as objects or in a database are not
    watched."""
    roots = [value for value in app.extensions.values()
             if type(value).__module__ in dict(learner_modules())]
    roots += [value for _, module in learner_modules() for name, value in vars(module).items()
              if not name.startswith("__") and not callable(value) and not inspect.ismodule(value)]
    seen = set()
    level = roots
    for _ in range(4):
        deeper = []
        for value in level:
            if id(value) in seen:
                continue
            seen.add(id(value))
            if type(value) is dict:
                if value.get("id") == task_id and "completed" in value:
                    return value
                deeper.extend(value.values())
            elif isinstance(value, (list, tuple)):
                deeper.extend(value)
            elif type(value).__module__ in dict(learner_modules()) and hasattr(value, "__dict__"):
                deeper.extend(vars(value).values())
        level = deeper
    return None


def watch_completed(app, task_id):
    """Put a WatchedTask copy of the stored task in every dict and list that holds the task."""
    task = stored_task(app, task_id)
    if task is None:
        return None
    watched = WatchedTask(task)
    for holder in gc.get_referrers(task):
        if isinstance(holder, dict):
            for key in [key for key, value in holder.items() if value is task]:
                holder[key] = watched
        elif isinstance(holder, list):
            for index in [i for i, value in enumerate(holder) if value is task]:
                holder[index] = watched
    return watched


def race_notifies_twice(make_app, hold_where, nth):
    """Race two completes of one task, the first held after call ``nth`` of the point
    ``hold_where(app, task_id)`` gives; fail on two notifications. False: nothing to judge."""
    __tracebackhide__ = True
    notifier = Recorder()
    app = make_app(NOTIFY_DELAY=0.0, NOTIFIER=notifier)
    _, task = create(app.test_client())
    target, label = hold_where(app, task["id"])
    if target is None:
        return False
    url = f"/tasks/{task['id']}/complete"
    race = interleave(lambda: app.test_client().post(url), lambda: app.test_client().post(url),
                      pause_in=target, after_calls=nth, wait=0.3)
    if not race.held:
        return False
    if not notifier.wait_for(1, RACE_PATIENCE):
        return None  # no notification at all: other checks say why; a race cannot be judged
    notifier.wait_for(2, SECOND_CALL)
    if len(notifier.calls) > 1:
        answers = [r.status_code if hasattr(r, "status_code") else repr(r)
                   for r in (race.first, race.second)]
        fail("one notification: only the request that changes \"completed\" from false to "
             "true notifies",
             f"{shown_calls(notifier.calls)} (the two requests answered {answers[0]} and "
             f"{answers[1]})",
             request=f"POST {url} twice at the same moment: the checks held the first request "
                     f"right after {label} (they looked inside your app) while the second ran "
                     "to its end",
             help="The first request looked at \"completed\", saw false, and set it only "
                  "later; the second looked in between and saw false too. Look and set in "
                  "one step, under the store's lock (one lock for every request, made once: "
                  "TaskStore.complete returns whether this call changed the task), and notify "
                  "only when it did.")
    return True


def test_simultaneous_completes_notify_once(make_app):
    """two requests completing the same task at the same moment send one notification"""
    # Which of the app's own functions and store methods does one complete request call?
    probe = make_app(NOTIFY_DELAY=0.0, NOTIFIER=Recorder())
    probe_client = probe.test_client()
    _, task = create(probe_client)
    used = called_during(pause_points(probe),
                         lambda: probe_client.post(f"/tasks/{task['id']}/complete"))
    holds = [(point.label, n) for point, count in used for n in range(1, count + 1)][:MAX_HOLDS]

    def at_point(label, nth):
        def where(app, _task_id):
            point = next((p for p in pause_points(app) if p.label == label), None)
            return (point.target if point else None), f"call {nth} of {label}"
        return where

    for label, nth in holds:
        if race_notifies_twice(make_app, at_point(label, nth), nth) is None:
            return

    # And right after each read of the stored task's "completed" (inside TaskStore.complete,
    # say): a lock made afresh by each call, or none, lets the second request look in between.
    _, task = create(probe_client)
    watched = watch_completed(probe, task["id"])
    if watched is None:
        return
    with spy_on(watched, "looked") as reads:
        probe_client.post(f"/tasks/{task['id']}/complete")

    def at_read(nth):
        def where(app, task_id):
            watched = watch_completed(app, task_id)
            return ((watched, "looked") if watched is not None else None,
                    f"read {nth} of the stored task's \"completed\"")
        return where

    for nth in range(1, min(reads.count, MAX_READ_HOLDS) + 1):
        if race_notifies_twice(make_app, at_read(nth), nth) is None:
            return
