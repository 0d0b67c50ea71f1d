"""The one garbage-collector pause for bulk work: loaders parsing rows and stores building
graphs both call ``gc_paused``.

Building a million small dicts and records makes CPython's cyclic garbage collector scan
the growing heap again and again, which more than doubles load time (see
tests/benchmarks/bench_positions.py and bench_deal_sheet.py). Loads create no reference
cycles worth collecting, so the collector is paused for their duration and restored after.
No networkx here: a loader that only parses can pause without importing a graph library.

>>> import gc
>>> with gc_paused():
...     gc.isenabled()
False
>>> gc.isenabled()
True
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
            _promote_to_oldest()
            gc.enable()


def _promote_to_oldest() -> None:
    """Move every object the collector tracks into its oldest generation, unscanned.

    Re-enabling the collector after a load would otherwise start with a young-generation
    collection over everything the load built (millions of dicts and lists: about half a
    second per million rows) that finds nothing, since a loaded graph lives on. Objects
    in the oldest generation are still collected by full collections, as usual. Skipped
    when the process froze objects itself: unfreezing would undo that.
    """
    if gc.get_freeze_count() == 0:
        gc.freeze()  # tracked objects -> the permanent generation (a list splice) ...
        gc.unfreeze()  # ... -> the oldest generation
