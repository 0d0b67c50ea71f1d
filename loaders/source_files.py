"""Which paths a loader may open: regular files (and folders of them), nothing else.

A FIFO blocks the first ``open`` forever, ``/dev/zero`` or ``/dev/urandom`` never end, a
socket cannot be read at all — and a loader's ``can_load`` may open a file just to sniff its
header. So every source path is checked here, once, before any loader (forced with
``--loader`` or found by the registry) sees it; symbolic links are followed, so a link to
``/dev/zero`` is refused too. A folder is fine (the positions and Wikidata loaders read
folders), but not one that holds a special file, nor a file over ``MAX_SOURCE_BYTES``.

>>> check_source_path("article")               # a built-in source name, not a path
>>> check_source_path("/dev/zero")
Traceback (most recent call last):
...
talentgraph.graph.errors.SourceError: /dev/zero is a character device, not a file — give the path of a regular file
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..graph.errors import SourceError

__all__ = ["MAX_SOURCE_BYTES", "check_source_path"]

# Far above any real source (the 1M-row positions benchmark file is ~100 MB), far below what
# would exhaust a laptop's memory once parsed.
MAX_SOURCE_BYTES = 2 * 1024**3

_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def _special_kind(mode: int) -> str | None:
    return next((name for test, name in _KINDS if test(mode)), None)


def _check_one(path: Path, mode: int, size: int) -> None:
    kind = _special_kind(mode)
    if kind is not None:
        raise SourceError(f"{path} is {kind}, not a file — give the path of a regular file")
    if stat.S_ISREG(mode) and size > MAX_SOURCE_BYTES:
        limit = MAX_SOURCE_BYTES // 1024**3
        raise SourceError(f"{path} is {size / 1024**3:.1f} GiB, over the {limit} GiB limit for one source — split it")


def check_source_path(source: str) -> None:
    """Raise ``SourceError`` if ``source`` names a special file, a folder holding one, or a
    file that is too large; do nothing for regular files, folders and non-paths.

    Never opens the path (``stat`` only), so it cannot block.
    """
    path = Path(source)
    try:
        info = path.stat()
    except (OSError, ValueError):  # no such path (a built-in name, a typo): the registry says so
        return
    _check_one(path, info.st_mode, info.st_size)
    if stat.S_ISDIR(info.st_mode):
        try:
            with os.scandir(path) as entries:
                for entry in entries:
                    try:
                        child = entry.stat()  # follows links
                    except OSError:
                        continue
                    _check_one(Path(entry.path), child.st_mode, child.st_size)
        except OSError:
            return  # an unreadable folder: the loader reports it with its own words
