"""The loan steps are part of the visit in test_books.py."""
