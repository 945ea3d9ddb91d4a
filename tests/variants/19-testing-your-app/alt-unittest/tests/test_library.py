"""The library, tested with unittest's TestCase classes, which pytest runs as they are."""

import shutil
import tempfile
import unittest
from pathlib import Path

from app import create_app, page_args


class LibraryTestCase(unittest.TestCase):
    """A fresh app on its own database file for every test method."""

    def setUp(self):
        folder = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, folder)
        self.app = create_app({
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(folder) / 'library.db'}",
        })
        self.client = self.app.test_client()

    def add(self, title="Dune", author="Frank Herbert"):
        return self.client.post("/books", json={"title": title, "author": author})

    def lend(self, book_id=1, borrower="Ada"):
        return self.client.post(f"/books/{book_id}/loans", json={"borrower": borrower})

    def book(self, book_id=1):
        return self.client.get(f"/books/{book_id}").get_json()

    def total(self):
        return self.client.get("/books").get_json()["total"]


class TestAddingBooks(LibraryTestCase):
    def test_created_with_201_and_a_location(self):
        response = self.add()
        self.assertEqual(response.status_code, 201)
        self.assertEqual(response.headers.get("Location"), "/books/1")
        self.assertEqual(response.get_json(),
                         {"id": 1, "title": "Dune", "author": "Frank Herbert", "available": True})

    def test_stored_with_its_spaces_trimmed(self):
        self.add(" Emma ", "Jane Austen")
        self.assertEqual(self.book()["title"], "Emma")

    def test_bad_fields_are_refused(self):
        for title, author in [("", "A"), ("   ", "A"), ("T", "  "), (None, "A"), ("T", 3)]:
            with self.subTest(title=title, author=author):
                response = self.client.post("/books", json={"title": title, "author": author})
                self.assertEqual(response.status_code, 400)
        self.assertEqual(self.total(), 0)

    def test_bad_bodies_are_refused(self):
        for body in ({"json": {"title": "T"}}, {"json": {"author": "A"}}, {"json": ["T", "A"]},
                     {"data": "T by A"}):
            with self.subTest(body=body):
                self.assertEqual(self.client.post("/books", **body).status_code, 400)
        self.assertEqual(self.total(), 0)


class TestListing(LibraryTestCase):
    def test_oldest_first_in_pages(self):
        for title in ["C", "A", "B"]:
            self.add(title)
        body = self.client.get("/books?per_page=2").get_json()
        self.assertEqual([b["title"] for b in body["books"]], ["C", "A"])
        self.assertEqual(body["next"], "/books?page=2&per_page=2")

    def test_a_full_last_page_has_no_next(self):
        for title in ["A", "B", "C", "D"]:
            self.add(title)
        self.assertEqual(self.client.get("/books?per_page=2").get_json()["next"],
                         "/books?page=2&per_page=2")
        last = self.client.get("/books?page=2&per_page=2").get_json()
        self.assertEqual([b["title"] for b in last["books"]], ["C", "D"])
        self.assertIsNone(last["next"])

    def test_page_args_bounds(self):
        cases = {"/books": (1, 10), "/books?per_page=21": (1, 20), "/books?per_page=20": (1, 20),
                 "/books?per_page=0": (1, 1), "/books?page=0&per_page=x": (1, 10)}
        for path, expected in cases.items():
            with self.subTest(path=path), self.app.test_request_context(path):
                self.assertEqual(page_args(), expected)


class TestLoans(LibraryTestCase):
    def setUp(self):
        super().setUp()
        self.add()

    def test_a_book_goes_out_once(self):
        response = self.lend()
        self.assertEqual(response.status_code, 201)
        self.assertEqual(response.get_json(),
                         {"id": 1, "book_id": 1, "borrower": "Ada", "returned": False})
        self.assertFalse(self.book()["available"])
        self.assertEqual(self.lend(borrower="Grace").status_code, 409)

    def test_a_returned_book_goes_out_again(self):
        self.lend()
        returned = self.client.post("/loans/1/return")
        self.assertEqual((returned.status_code, returned.get_json()["returned"]), (200, True))
        self.assertEqual(self.lend(borrower="Grace").status_code, 201)

    def test_a_loan_comes_back_once(self):
        self.lend()
        self.client.post("/loans/1/return")
        self.assertEqual(self.client.post("/loans/1/return").status_code, 409)

    def test_a_borrower_is_required(self):
        for body in ({}, {"borrower": " "}, {"borrower": None}):
            with self.subTest(body=body):
                self.assertEqual(self.client.post("/books/1/loans", json=body).status_code, 400)


class TestUnknownIds(LibraryTestCase):
    def test_unknown_ids_are_404(self):
        self.assertEqual(self.client.get("/books/9").status_code, 404)
        self.assertEqual(self.lend(9).status_code, 404)
        self.assertEqual(self.client.post("/loans/9/return").status_code, 404)


class TestSeed(LibraryTestCase):
    def test_seed_stores_what_it_says(self):
        result = self.app.test_cli_runner().invoke(args=["seed", "--count", "5"])
        self.assertEqual(result.exit_code, 0)
        self.assertIn("Added 5 sample books.", result.output)
        self.assertEqual(self.total(), 5)

    def test_seed_refuses_nothing_to_add(self):
        result = self.app.test_cli_runner().invoke(args=["seed", "--count", "0"])
        self.assertNotEqual(result.exit_code, 0)
        self.assertEqual(self.total(), 0)
