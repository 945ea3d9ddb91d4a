"""API versions, one blueprint per module."""
