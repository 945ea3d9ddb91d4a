class QueryError(ValueError):
    """A query parameter the API cannot use."""
