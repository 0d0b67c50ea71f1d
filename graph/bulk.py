"""Bulk-load tuning shared by loaders and stores.

Building a million small dicts and records makes CPython's cyclic garbage collector
scan the growing heap again and again, which more than doubles load time (see
tests/benchmarks/bench_positions.py). Loads create no reference cycles worth
collecting, so the collector is paused for their duration and restored after.

>>> with gc_paused():
...     rows = [{"n": i} for i in range(3)]
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["gc_paused"]


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector inside the block (re-entrant; restores the previous state)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
