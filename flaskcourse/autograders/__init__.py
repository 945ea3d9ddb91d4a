"""Ready autograders for the platforms that already run untrusted submissions at scale, one
container or runner per submission: Gradescope and GitHub Classroom. Each carries this exact
flaskcourse, course included, so what the platform grades is what `check` checks."""

VISIBILITIES = ("visible", "after_due_date", "after_published", "hidden")
"""Gradescope's visibility settings, for a test and for the run's standard output."""
