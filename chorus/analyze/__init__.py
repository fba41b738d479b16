"""Per-event analyses: each module exposes ``analyze(event, articles) -> dict``."""
