"""Chorus: turn many news articles about the same events into events a reader can trust."""

__version__ = "0.1.0"

__all__ = ["__version__"]
