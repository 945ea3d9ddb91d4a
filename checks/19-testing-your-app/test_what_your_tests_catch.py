"""Lesson 19: the bugs the learner's tests catch, one check per planted bug (bugs.toml).

A bug is caught by a test that passes on the course's app and on a rewrite that behaves the
same, and fails on the rewrite with the bug planted. A failure names the behaviour no test
checked, never the code of the bug, and ends with how many of the bugs the suite catches.
"""

import pytest

from flaskcourse.checking import fail
from flaskcourse.checking.suite import NEUTRAL, REFERENCE

pytestmark = pytest.mark.grades_learner_tests


def expect_caught(grader, bug_id, every_bug_checked):
    """Fail unless some credited test fails on the app with bug ``bug_id``."""
    __tracebackhide__ = True
    if every_bug_checked:
        grader.caught()  # every bug app at once: a failure needs the score anyway
    if grader.catchers(bug_id):
        return
    bug, run = grader.plan.bug(bug_id), grader.run(bug_id)
    got = (f"your tests did not finish on that app: {run.stopped}" if run.stopped
           else f"no test failed there: {bug.untested}")
    fail("a test that passes on the course's app and fails on a copy with this bug",
         got=f"{got}. {grader.score()}" if every_bug_checked else f"{got}.",
         request="python -m pytest on the course's app, then on a copy with one bug planted",
         help=_not_counted(grader) or "Write a test for that rule of the contract, and check "
              "it against the course's app: `python -m pytest` in your lesson folder.")


def _not_counted(grader):
    """Why some of the learner's tests could not catch anything, when that is so."""
    reference, neutral = grader.run(REFERENCE), grader.run(NEUTRAL)
    if not reference.collected:
        return "There are no tests in tests/ yet: every bug gets through."
    notes = []
    wrong = [t for t in reference.tests if not t.passed and t.outcome != "skipped"]
    if wrong:
        notes.append(f"{len(wrong)} of your tests fail on the course's app, so they can catch "
                     "nothing: see \"your tests pass on the course's app\".")
    judged = [t for t in neutral.tests if not t.passed]
    if judged:
        notes.append(f"{len(judged)} of your tests fail on an app that behaves the same, so "
                     "they earn nothing: see \"your tests pass on an app that behaves the same "
                     "but is written differently\".")
    return " ".join(notes)



def test_catches_created_status(grader, every_bug_checked):
    """your tests catch a new book answered with 200 instead of 201"""
    expect_caught(grader, "created_status", every_bug_checked)


def test_catches_created_id_null(grader, every_bug_checked):
    """your tests catch a new book answered without its id"""
    expect_caught(grader, "created_id_null", every_bug_checked)


def test_catches_no_location(grader, every_bug_checked):
    """your tests catch a new book answered without its Location"""
    expect_caught(grader, "no_location", every_bug_checked)


def test_catches_location_absolute(grader, every_bug_checked):
    """your tests catch a Location that is a full URL instead of the path"""
    expect_caught(grader, "location_absolute", every_bug_checked)


def test_catches_location_without_id(grader, every_bug_checked):
    """your tests catch a Location that does not name the new book's id"""
    expect_caught(grader, "location_without_id", every_bug_checked)


def test_catches_book_not_stored(grader, every_bug_checked):
    """your tests catch a new book that is answered but never stored"""
    expect_caught(grader, "book_not_stored", every_bug_checked)


def test_catches_refused_book_stored(grader, every_bug_checked):
    """your tests catch a refused book that is stored all the same"""
    expect_caught(grader, "refused_book_stored", every_bug_checked)


def test_catches_missing_author_default(grader, every_bug_checked):
    """your tests catch a book sent with no author being stored all the same"""
    expect_caught(grader, "missing_author_default", every_bug_checked)


def test_catches_blank_accepted(grader, every_bug_checked):
    """your tests catch a title, author or borrower of spaces being accepted"""
    expect_caught(grader, "blank_accepted", every_bug_checked)


def test_catches_numbers_accepted(grader, every_bug_checked):
    """your tests catch a number accepted as a title, author or borrower"""
    expect_caught(grader, "numbers_accepted", every_bug_checked)


def test_catches_not_trimmed(grader, every_bug_checked):
    """your tests catch a title stored with the spaces around it"""
    expect_caught(grader, "not_trimmed", every_bug_checked)


def test_catches_array_body_422(grader, every_bug_checked):
    """your tests catch a JSON array body answered 422 instead of 400"""
    expect_caught(grader, "array_body_422", every_bug_checked)


def test_catches_text_body_415(grader, every_bug_checked):
    """your tests catch a body that is not JSON answered 415 instead of 400"""
    expect_caught(grader, "text_body_415", every_bug_checked)


def test_catches_unknown_book_200(grader, every_bug_checked):
    """your tests catch an unknown book answered 200 instead of 404"""
    expect_caught(grader, "unknown_book_200", every_bug_checked)


def test_catches_newest_first(grader, every_bug_checked):
    """your tests catch a list with the newest book first"""
    expect_caught(grader, "newest_first", every_bug_checked)


def test_catches_ordered_by_title(grader, every_bug_checked):
    """your tests catch a list sorted by title instead of oldest first"""
    expect_caught(grader, "ordered_by_title", every_bug_checked)


def test_catches_second_page_skips_default(grader, every_bug_checked):
    """your tests catch a second page that skips 10 books whatever per_page says"""
    expect_caught(grader, "second_page_skips_default", every_bug_checked)


def test_catches_next_after_full_page(grader, every_bug_checked):
    """your tests catch a next link on a last page that is exactly full"""
    expect_caught(grader, "next_after_full_page", every_bug_checked)


def test_catches_next_empty_string(grader, every_bug_checked):
    """your tests catch a last page whose next is "" instead of null"""
    expect_caught(grader, "next_empty_string", every_bug_checked)


def test_catches_next_without_per_page(grader, every_bug_checked):
    """your tests catch a next link that forgets per_page"""
    expect_caught(grader, "next_without_per_page", every_bug_checked)


def test_catches_per_page_unbounded(grader, every_bug_checked):
    """your tests catch page_args() letting per_page grow past 20"""
    expect_caught(grader, "per_page_unbounded", every_bug_checked)


def test_catches_per_page_floor(grader, every_bug_checked):
    """your tests catch page_args() letting per_page fall below 1"""
    expect_caught(grader, "per_page_floor", every_bug_checked)


def test_catches_page_below_one_kept(grader, every_bug_checked):
    """your tests catch page_args() keeping a page below 1"""
    expect_caught(grader, "page_below_one_kept", every_bug_checked)


def test_catches_per_page_not_a_number(grader, every_bug_checked):
    """your tests catch page_args() giving 20 books, not 10, for a per_page that is not a number"""
    expect_caught(grader, "per_page_not_a_number", every_bug_checked)


def test_catches_always_available(grader, every_bug_checked):
    """your tests catch a lent book shown as available"""
    expect_caught(grader, "always_available", every_bug_checked)


def test_catches_loan_id_null(grader, every_bug_checked):
    """your tests catch a new loan answered without its id and returned"""
    expect_caught(grader, "loan_id_null", every_bug_checked)


def test_catches_lent_twice(grader, every_bug_checked):
    """your tests catch a loan of a book that is already lent"""
    expect_caught(grader, "lent_twice", every_bug_checked)


def test_catches_lend_unknown_book(grader, every_bug_checked):
    """your tests catch a loan of a book that does not exist"""
    expect_caught(grader, "lend_unknown_book", every_bug_checked)


def test_catches_bad_borrower_422(grader, every_bug_checked):
    """your tests catch a bad borrower answered 422 instead of 400"""
    expect_caught(grader, "bad_borrower_422", every_bug_checked)


def test_catches_return_keeps_it_out(grader, every_bug_checked):
    """your tests catch a returned book that cannot be lent again"""
    expect_caught(grader, "return_keeps_it_out", every_bug_checked)


def test_catches_returned_twice(grader, every_bug_checked):
    """your tests catch a loan returned a second time"""
    expect_caught(grader, "returned_twice", every_bug_checked)


def test_catches_unknown_loan_409(grader, every_bug_checked):
    """your tests catch the return of an unknown loan answered 409 instead of 404"""
    expect_caught(grader, "unknown_loan_409", every_bug_checked)


def test_catches_return_answers_old_loan(grader, every_bug_checked):
    """your tests catch a return answered with "returned": false"""
    expect_caught(grader, "return_answers_old_loan", every_bug_checked)


def test_catches_return_not_stored(grader, every_bug_checked):
    """your tests catch a return that is answered but never stored"""
    expect_caught(grader, "return_not_stored", every_bug_checked)


def test_catches_seed_not_stored(grader, every_bug_checked):
    """your tests catch `flask seed` printing books it never stored"""
    expect_caught(grader, "seed_not_stored", every_bug_checked)


def test_catches_seed_count_ignored(grader, every_bug_checked):
    """your tests catch `flask seed` adding 3 books whatever --count says"""
    expect_caught(grader, "seed_count_ignored", every_bug_checked)


def test_catches_seed_accepts_zero(grader, every_bug_checked):
    """your tests catch `flask seed --count 0` being accepted"""
    expect_caught(grader, "seed_accepts_zero", every_bug_checked)
