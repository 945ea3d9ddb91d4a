"""The webhook receiver's blueprint and event log."""
