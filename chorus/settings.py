"""Settings shared across stages, in one frozen dataclass the CLI maps flags onto."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    """Knobs more than one stage reads. A stage's own knobs are its keyword arguments."""

    max_file_bytes: int = 100 * 1024 * 1024  # larger inputs are rejected, not read
    duplicate_threshold: float = 0.8  # Jaccard over word shingles for near-duplicates
    min_shared_words: int = 15  # a shared passage is at least this many consecutive words
    workers: int = 0  # processes for reading and cleaning large inputs; 0 = one per CPU core
    engine: str = "local"  # what runs the per-item work: "local" or "spark" (chorus.engines)
    spark_master: str = "local[*]"  # the Spark master URL, for engine="spark"
