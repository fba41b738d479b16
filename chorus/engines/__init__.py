"""Engines schedule; they never transform.

An engine runs a function over a list of items and gives the results back in
input order: that is all the stages ask of it. The per-item work of a digest
run (reading a file, cleaning a page, analysing an event) goes through an
engine; the steps that need the whole collection at once (marking
near-duplicates against the store, grouping articles into events) run in the
driver process, on what the mapped steps return. Both engines call the very
same stage functions, so a run gives the same events.json on either.

* ``local`` (the default): this process, or a pool of ``Settings.workers``
  processes for large inputs (``chorus.parallel.map_ordered``).
* ``spark``: an Apache Spark session (``pip install 'chorus-news[spark]'``),
  ``local[*]`` unless ``Settings.spark_master`` names a cluster. Items are
  shipped to the executors with the function; every executor needs Chorus
  installed in the Python it runs (``PYSPARK_PYTHON``, set here to this
  interpreter when unset).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from chorus.parallel import map_ordered
from chorus.settings import Settings

T = TypeVar("T")
R = TypeVar("R")

ENGINES = ("local", "spark")


class Engine(Protocol):
    name: str

    def map(self, fn: Callable[[T], R], items: list[T]) -> list[R]: ...

    def close(self) -> None: ...


class EngineError(RuntimeError):
    """An engine could not start (Spark not installed, no Java, no cluster)."""


class LocalEngine:
    """This process, or a process pool for large inputs."""

    name = "local"

    def __init__(self, workers: int = 0, min_items: int = 64):
        self.workers = workers
        self.min_items = min_items

    def map(self, fn: Callable[[T], R], items: list[T]) -> list[R]:
        return list(map_ordered(fn, list(items), self.workers, min_items=self.min_items))

    def close(self) -> None:
        pass


class SparkEngine:
    """An Apache Spark session: each map is one Spark job over the items."""

    name = "spark"

    def __init__(self, master: str = "local[*]", app_name: str = "chorus"):
        import importlib.util

        if importlib.util.find_spec("pyspark") is None:  # said before anything is read or stored
            raise EngineError("the spark engine needs pyspark: pip install 'chorus-news[spark]'")
        self.master = master
        self.app_name = app_name
        self._session: Any = None

    @property
    def context(self) -> Any:
        if self._session is None:
            self._session = _start_spark(self.master, self.app_name)
        return self._session.sparkContext

    def map(self, fn: Callable[[T], R], items: list[T]) -> list[R]:
        items = list(items)
        if not items:
            return []
        sc = self.context
        slices = max(1, min(len(items), sc.defaultParallelism * 4))
        # parallelize keeps the list's order in its partitions, and collect reads them in order.
        return sc.parallelize(items, slices).map(fn).collect()

    def close(self) -> None:
        if self._session is not None:
            self._session.stop()
            self._session = None


def _start_spark(master: str, app_name: str) -> Any:
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise EngineError("the spark engine needs pyspark: pip install 'chorus-news[spark]'") from exc
    if master.startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    try:
        session = (SparkSession.builder.master(master).appName(app_name)
                   .config("spark.ui.enabled", "false")
                   .config("spark.ui.showConsoleProgress", "false")
                   .getOrCreate())
    except Exception as exc:  # no Java, a master that cannot be reached, ...
        raise EngineError(f"could not start Spark ({master}): {exc}") from exc
    session.sparkContext.setLogLevel("ERROR")
    return session


def make_engine(settings: Settings = Settings()) -> Engine:
    """The engine ``settings.engine`` names."""
    if settings.engine == "local":
        return LocalEngine(settings.workers)
    if settings.engine == "spark":
        return SparkEngine(settings.spark_master)
    raise ValueError(f"unknown engine {settings.engine!r}; choose from {', '.join(ENGINES)}")
