"""Benchmarks behind ``chorus bench ...``: one module per benchmark, each with
``add_arguments(parser)`` and ``run(args) -> int``. Inputs are generated or read
from evaluation files at run time; nothing is downloaded."""
