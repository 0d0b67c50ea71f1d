"""Worker: run hostile cases through ``talentgraph validate`` and ``load``; one JSON line each.

``python run_cases.py CASES.json BASE_STORE_DIR WORK_DIR SECONDS`` — CASES.json is a list of
``{"name", "path", "loader"}``. The parent (tests/test_hostile_input.py) starts this with an
address-space limit (``RLIMIT_AS``); here each case gets a ``SIGALRM`` watchdog of SECONDS.
Before each case a ``START name`` line is printed, so a case that kills the worker outright is
still named. Each result line is ``RESULT {json}`` with the exit codes, the output, whether a
traceback appeared, and whether a failed load changed the store (its whole JSON export and
every file of the store folder compared before and after).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import signal
import sys
import time
import traceback
from pathlib import Path

from click.testing import CliRunner
from talentgraph.cli import cli


class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang()


def _invoke(args: list[str]) -> dict:
    started = time.monotonic()
    result = CliRunner().invoke(cli, args, catch_exceptions=True)
    exc = result.exception
    crashed = exc is not None and not isinstance(exc, SystemExit)
    if isinstance(exc, Hang):
        raise exc
    text = result.output
    return {
        "exit": result.exit_code,
        "output": text[-2000:],
        "traceback": crashed or "Traceback (most recent call last)" in text,
        "exception": "".join(traceback.format_exception(exc))[-3000:] if crashed else None,
        "seconds": round(time.monotonic() - started, 3),
    }


def _content(path: Path) -> str:
    data = path.read_bytes()
    # An SQLite store's bytes change when a writer registers itself (the "waiting for another
    # writer (pid, since)" table) even if its load then fails: its content is compared through
    # the export below, which reads every node and relationship.
    return "sqlite database" if data.startswith(b"SQLite format 3\0") else hashlib.sha256(data).hexdigest()


def _store_state(folder: Path) -> dict:
    files = {
        str(p.relative_to(folder)): _content(p)
        for p in sorted(folder.rglob("*"))
        # SQLite's own working files (-wal, -shm) come and go with its connections
        if p.is_file() and not p.name.endswith((".lock", "-wal", "-shm"))
    }
    exported = CliRunner().invoke(cli, ["--store", str(folder / "graph.json"), "export", "--format", "json"])
    return {"files": files, "export": hashlib.sha256(exported.output.encode()).hexdigest()}


def main() -> int:
    cases_file, base, work, seconds = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4])
    cases = json.loads(Path(cases_file).read_text())
    signal.signal(signal.SIGALRM, _alarm)
    before = None
    for case in cases:
        print(f"START {case['name']}", flush=True)
        store_dir = work / "store"
        shutil.rmtree(store_dir, ignore_errors=True)
        shutil.copytree(base, store_dir)
        store = str(store_dir / "graph.json")
        if before is None:
            before = _store_state(store_dir)
        forced = ["--loader", case["loader"]] if case["loader"] else []
        record: dict = {"name": case["name"], "hang": None}
        signal.alarm(seconds)
        try:
            record["validate"] = _invoke(["--store", store, "validate", *forced, case["path"]])
            record["load"] = _invoke(["--store", store, "load", *forced, case["path"]])
            signal.alarm(0)
            if record["load"]["exit"] != 0:
                record["store_changed"] = _store_state(store_dir) != before
        except Hang:
            record["hang"] = f"over {seconds} s"
        finally:
            signal.alarm(0)
        print("RESULT " + json.dumps(record), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
