"""Allow ``python -m flaskcourse``."""

from flaskcourse.cli import main

main()
