"""Fixtures for every test file in tests/: pytest hands them to any test that names them.

Write them here: `app` (a fresh app on a temporary database), `client` and `runner`. Then put
your tests in files named test_*.py beside this one. The lesson text shows how.
"""
