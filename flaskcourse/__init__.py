"""flaskcourse: an interactive command-line course that teaches Flask and checks your work."""

__version__ = "0.1.0"
