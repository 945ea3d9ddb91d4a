from app import page_args


def test_books(client):
    client.post("/books", json={"title": "Dune", "author": "Frank Herbert"})
    client.post("/books", json={"title": "  ", "author": "Frank Herbert"})
    client.get("/books/1")
    client.get("/books?page=1&per_page=1")


def test_loans(client):
    client.post("/books", json={"title": "Dune", "author": "Frank Herbert"})
    client.post("/books/1/loans", json={"borrower": "Ada"})
    client.post("/books/1/loans", json={"borrower": "Grace"})
    client.post("/loans/1/return")
    client.post("/loans/1/return")


def test_seed(app):
    app.test_cli_runner().invoke(args=["seed"])


def test_page_args(app):
    with app.test_request_context("/books?per_page=50"):
        page_args()
