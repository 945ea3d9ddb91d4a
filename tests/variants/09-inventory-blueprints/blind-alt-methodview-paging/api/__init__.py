"""Versioned API blueprints; nothing here imports app.py."""
