"""Benchmarks behind ``chorus bench ...``: one module per benchmark."""
