"""The library's contract, as unittest.TestCase classes (pytest runs them as they are)."""

import unittest

from app import create_app, page_args


class LibraryTestCase(unittest.TestCase):
    """A fresh app on an in-memory database for every test method."""

    def setUp(self):
        self.app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
        self.client = self.app.test_client()

    def add(self, title="Dune", author="Frank Herbert"):
        return self.client.post("/books", json={"title": title, "author": author})

    def lend(self, book_id=1, borrower="Ada"):
        return self.client.post(f"/books/{book_id}/loans", json={"borrower": borrower})

    def give_back(self, loan_id=1):
        return self.client.post(f"/loans/{loan_id}/return")

    def book(self, book_id=1):
        return self.client.get(f"/books/{book_id}")

    def total(self):
        return self.client.get("/books").get_json()["total"]

    def titles(self, query=""):
        return [b["title"] for b in self.client.get(f"/books{query}").get_json()["books"]]


class AddingBooks(LibraryTestCase):
    def test_created_answer(self):
        response = self.add("Dune", "Frank Herbert")
        self.assertEqual(response.status_code, 201)
        self.assertEqual(response.get_json(),
                         {"id": 1, "title": "Dune", "author": "Frank Herbert", "available": True})
        self.assertEqual(response.headers["Location"], "/books/1")

    def test_location_of_a_second_book(self):
        self.add("Dune")
        self.assertEqual(self.add("Emma", "Jane Austen").headers["Location"], "/books/2")

    def test_the_book_is_stored_stripped(self):
        self.add("  Dune ", " Frank Herbert  ")
        response = self.book(1)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.get_json(),
                         {"id": 1, "title": "Dune", "author": "Frank Herbert", "available": True})

    def test_unknown_book(self):
        self.assertEqual(self.book(1).status_code, 404)
        self.add()
        self.assertEqual(self.book(2).status_code, 404)

    def test_bad_fields_are_refused(self):
        for bad in [None, 42, "", "   ", ["Dune"], True]:
            for field in ("title", "author"):
                with self.subTest(field=field, value=bad):
                    body = {"title": "Dune", "author": "Frank Herbert", field: bad}
                    response = self.client.post("/books", json=body)
                    self.assertEqual(response.status_code, 400)
                    self.assertIn("error", response.get_json())
                    self.assertEqual(self.total(), 0)

    def test_missing_fields_are_refused(self):
        for body in [{}, {"title": "Dune"}, {"author": "Frank Herbert"}]:
            with self.subTest(body=body):
                self.assertEqual(self.client.post("/books", json=body).status_code, 400)
        self.assertEqual(self.total(), 0)

    def test_bodies_that_are_not_an_object_are_refused(self):
        for kwargs in [{"json": ["Dune", "Frank Herbert"]}, {"json": "Dune"},
                       {"data": "title=Dune"}, {"data": "{not json", "content_type": "application/json"}]:
            with self.subTest(kwargs=kwargs):
                response = self.client.post("/books", **kwargs)
                self.assertEqual(response.status_code, 400)
                self.assertIn("error", response.get_json())
        self.assertEqual(self.total(), 0)


class Listing(LibraryTestCase):
    def test_oldest_first(self):
        for title in ["Walden", "Dune", "Middlemarch"]:
            self.add(title)
        response = self.client.get("/books")
        self.assertEqual(response.status_code, 200)
        body = response.get_json()
        self.assertEqual([b["title"] for b in body["books"]], ["Walden", "Dune", "Middlemarch"])
        self.assertEqual((body["page"], body["per_page"], body["total"], body["next"]), (1, 10, 3, None))

    def test_an_empty_library(self):
        body = self.client.get("/books").get_json()
        self.assertEqual((body["books"], body["total"], body["next"]), ([], 0, None))

    def test_pages_of_three_books(self):
        for title in ["Walden", "Dune", "Middlemarch"]:
            self.add(title)
        first = self.client.get("/books?per_page=2").get_json()
        self.assertEqual([b["title"] for b in first["books"]], ["Walden", "Dune"])
        self.assertEqual(first["next"], "/books?page=2&per_page=2")
        second = self.client.get(first["next"]).get_json()
        self.assertEqual([b["title"] for b in second["books"]], ["Middlemarch"])
        self.assertEqual((second["page"], second["per_page"], second["total"]), (2, 2, 3))
        self.assertIsNone(second["next"])

    def test_a_full_last_page(self):
        for title in ["Walden", "Dune", "Middlemarch", "Beloved"]:
            self.add(title)
        first = self.client.get("/books?page=1&per_page=2").get_json()
        self.assertEqual(first["next"], "/books?page=2&per_page=2")
        last = self.client.get("/books?page=2&per_page=2").get_json()
        self.assertEqual([b["title"] for b in last["books"]], ["Middlemarch", "Beloved"])
        self.assertIsNone(last["next"])

    def test_the_list_shows_a_lent_book(self):
        self.add()
        self.lend(1)
        self.assertIs(self.client.get("/books").get_json()["books"][0]["available"], False)


class PageArgs(LibraryTestCase):
    CASES = [
        ("", (1, 10)), ("?page=2&per_page=5", (2, 5)), ("?page=1", (1, 10)),
        ("?page=0", (1, 10)), ("?page=-3", (1, 10)), ("?page=two", (1, 10)), ("?page=1.5", (1, 10)),
        ("?per_page=1", (1, 1)), ("?per_page=0", (1, 1)), ("?per_page=-4", (1, 1)),
        ("?per_page=20", (1, 20)), ("?per_page=21", (1, 20)), ("?per_page=50", (1, 20)),
        ("?per_page=lots", (1, 10)), ("?page=-3&per_page=lots", (1, 10)),
    ]

    def test_page_args(self):
        for query, expected in self.CASES:
            with self.subTest(query=query):
                with self.app.test_request_context(f"/books{query}"):
                    self.assertEqual(page_args(), expected)


class Lending(LibraryTestCase):
    def setUp(self):
        super().setUp()
        self.add()

    def test_lend(self):
        response = self.lend(1, " Ada ")
        self.assertEqual(response.status_code, 201)
        self.assertEqual(response.get_json(), {"id": 1, "book_id": 1, "borrower": "Ada", "returned": False})
        self.assertIs(self.book(1).get_json()["available"], False)

    def test_other_books_stay_available(self):
        self.add("Emma", "Jane Austen")
        self.lend(1)
        self.assertIs(self.book(2).get_json()["available"], True)
        self.assertEqual(self.lend(2, "Grace").status_code, 201)

    def test_no_second_loan(self):
        self.lend(1, "Ada")
        self.assertEqual(self.lend(1, "Grace").status_code, 409)
        self.assertIs(self.book(1).get_json()["available"], False)

    def test_bad_borrowers(self):
        for body in [{}, {"borrower": ""}, {"borrower": "   "}, {"borrower": 7}, {"borrower": None}]:
            with self.subTest(body=body):
                self.assertEqual(self.client.post("/books/1/loans", json=body).status_code, 400)
                self.assertIs(self.book(1).get_json()["available"], True)
        self.assertEqual(self.lend(1).status_code, 201)

    def test_unknown_book(self):
        self.assertEqual(self.lend(2).status_code, 404)

    def test_return(self):
        self.lend(1)
        response = self.give_back(1)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.get_json(), {"id": 1, "book_id": 1, "borrower": "Ada", "returned": True})
        self.assertIs(self.book(1).get_json()["available"], True)
        again = self.lend(1, "Grace")
        self.assertEqual(again.status_code, 201)
        self.assertEqual(again.get_json()["id"], 2)
        self.assertIs(self.book(1).get_json()["available"], False)

    def test_return_twice(self):
        self.lend(1)
        self.give_back(1)
        self.assertEqual(self.give_back(1).status_code, 409)

    def test_unknown_loan(self):
        self.assertEqual(self.give_back(1).status_code, 404)


class Seeding(LibraryTestCase):
    def setUp(self):
        super().setUp()
        self.runner = self.app.test_cli_runner()

    def test_default(self):
        result = self.runner.invoke(args=["seed"])
        self.assertEqual(result.exit_code, 0)
        self.assertIn("Added 3 sample books.", result.output)
        self.assertEqual(self.total(), 3)

    def test_count(self):
        for count, total in [(1, 1), (5, 6)]:
            result = self.runner.invoke(args=["seed", "--count", str(count)])
            self.assertEqual(result.exit_code, 0)
            self.assertIn(f"Added {count} sample books.", result.output)
            self.assertEqual(self.total(), total)

    def test_refused_counts(self):
        for count in ["0", "-1"]:
            with self.subTest(count=count):
                self.assertEqual(self.runner.invoke(args=["seed", "--count", count]).exit_code, 2)
                self.assertEqual(self.total(), 0)

    def test_a_page_stops_at_twenty(self):
        self.runner.invoke(args=["seed", "--count", "21"])
        body = self.client.get("/books?per_page=21").get_json()
        self.assertEqual((len(body["books"]), body["per_page"], body["total"]), (20, 20, 21))
        self.assertEqual(body["next"], "/books?page=2&per_page=20")
