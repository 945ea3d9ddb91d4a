"""A thin wrapper over the Flask test client that speaks the library's API."""


class Library:
    def __init__(self, app):
        self.app = app
        self.http = app.test_client()
        self.cli = app.test_cli_runner()

    def add(self, title="Dune", author="Frank Herbert"):
        return self.http.post("/books", json={"title": title, "author": author})

    def add_many(self, *titles):
        for title in titles:
            assert self.add(title).status_code == 201

    def book(self, book_id):
        return self.http.get(f"/books/{book_id}")

    def available(self, book_id):
        return self.book(book_id).get_json()["available"]

    def page(self, query=""):
        return self.http.get(f"/books{query}").get_json()

    def titles(self, query=""):
        return [book["title"] for book in self.page(query)["books"]]

    def total(self):
        return self.page()["total"]

    def lend(self, book_id, borrower="Ada"):
        return self.http.post(f"/books/{book_id}/loans", json={"borrower": borrower})

    def give_back(self, loan_id):
        return self.http.post(f"/loans/{loan_id}/return")

    def seed(self, *args):
        return self.cli.invoke(args=["seed", *args])
