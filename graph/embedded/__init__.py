"""The embedded store: the default, needing no service."""
