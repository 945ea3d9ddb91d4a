import pytest

from app import page_args


class TestTheList:
    def test_empty(self, lib):
        assert lib.page() == {"books": [], "page": 1, "per_page": 10, "total": 0, "next": None}

    def test_oldest_first_whatever_the_titles(self, lib):
        lib.add_many("Ulysses", "Beloved", "Middlemarch")
        page = lib.page()
        assert [b["title"] for b in page["books"]] == ["Ulysses", "Beloved", "Middlemarch"]
        assert [b["id"] for b in page["books"]] == [1, 2, 3]
        assert (page["page"], page["per_page"], page["total"], page["next"]) == (1, 10, 3, None)

    def test_following_next_walks_every_page(self, lib):
        lib.add_many("Ulysses", "Beloved", "Middlemarch", "Emma", "Walden")
        seen, query, pages = [], "?per_page=2", 0
        path = "/books" + query
        while path:
            body = lib.http.get(path).get_json()
            seen += [b["title"] for b in body["books"]]
            pages += 1
            path = body["next"]
        assert seen == ["Ulysses", "Beloved", "Middlemarch", "Emma", "Walden"]
        assert pages == 3

    def test_next_names_the_following_page(self, lib):
        lib.add_many("a", "b", "c", "d", "e", "f", "g")
        assert lib.page("?page=2&per_page=3")["next"] == "/books?page=3&per_page=3"
        assert lib.page("?page=3&per_page=3")["next"] is None
        assert lib.titles("?page=3&per_page=3") == ["g"]

    def test_an_exactly_full_last_page_has_no_next(self, lib):
        lib.add_many("Ulysses", "Beloved", "Middlemarch", "Emma")
        assert lib.page("?per_page=2")["next"] == "/books?page=2&per_page=2"
        last = lib.page("?page=2&per_page=2")
        assert [b["title"] for b in last["books"]] == ["Middlemarch", "Emma"]
        assert last["next"] is None

    def test_ten_books_fill_the_default_page(self, lib):
        lib.seed("--count", "10")
        page = lib.page()
        assert len(page["books"]) == 10 and page["next"] is None
        lib.add()
        assert lib.page()["next"] == "/books?page=2&per_page=10"

    def test_twenty_one_books_per_page_is_twenty(self, lib):
        lib.seed("--count", "21")
        page = lib.page("?per_page=21")
        assert (len(page["books"]), page["per_page"], page["total"]) == (20, 20, 21)
        assert lib.page("?per_page=20")["next"] == "/books?page=2&per_page=20"


class TestPageArgs:
    @pytest.mark.parametrize("query, expected", [
        ("/books", (1, 10)),
        ("/books?page=4", (4, 10)),
        ("/books?page=1&per_page=1", (1, 1)),
        ("/books?page=0&per_page=0", (1, 1)),
        ("/books?page=-2&per_page=-2", (1, 1)),
        ("/books?per_page=20", (1, 20)),
        ("/books?per_page=21", (1, 20)),
        ("/books?page=abc&per_page=xyz", (1, 10)),
        ("/books?page=&per_page=", (1, 10)),
        ("/books?page=2.5&per_page=7.5", (1, 10)),
    ])
    def test_bounds_and_defaults(self, app, query, expected):
        with app.test_request_context(query):
            result = page_args()
        assert tuple(result) == expected
