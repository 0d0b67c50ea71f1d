"""Start-up time of the command line: ``talentgraph --help`` and ``talentgraph --version``
as a user runs them (the console script, a fresh process each time), against a bare
``python -c pass`` on the same interpreter. Target: at most 0.15 s each.

    python tests/benchmarks/bench_startup.py            # 20 runs of each
    python tests/benchmarks/bench_startup.py --runs 50

Also prints the heaviest imports of ``talentgraph --help`` from ``python -X importtime``.
That nothing heavy (networkx, neo4j, pyvis, PyYAML) is imported is a test
(tests/test_hygiene.py); this script only measures. Not collected by pytest.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def timed(argv: list[str], runs: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU (user + system) seconds of each run; on a shared machine the CPU
    time is the steadier figure."""
    wall, cpu = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        wall.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return wall, cpu


def heaviest_imports(count: int = 8) -> list[tuple[int, str]]:
    code = (
        "import sys; sys.argv = ['talentgraph', '--help']\n"
        "from talentgraph.cli import main\n"
        "try: main()\nexcept SystemExit: pass"
    )
    run = subprocess.run([sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True, check=True)
    rows = []
    for line in run.stderr.splitlines():
        if line.startswith("import time:") and "|" in line and "cumulative" not in line:
            _, cumulative, name = (part.strip() for part in line[len("import time:") :].split("|"))
            rows.append((int(cumulative), name.strip()))
    top_level = [row for row in rows if not row[1].startswith(" ")]
    return sorted(top_level, reverse=True)[:count]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    script = shutil.which("talentgraph", path=str(Path(sys.executable).parent)) or shutil.which("talentgraph")
    if script is None:
        sys.exit("bench_startup: no talentgraph console script next to this Python — pip install -e . first")
    load = os.getloadavg()[0]
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load {load:.1f}, {args.runs} runs each")
    print(f"  {'':24} {'wall median / min':>18}   {'CPU median':>10}")
    for label, argv in (
        ("python -c pass", [sys.executable, "-c", "pass"]),
        ("talentgraph --help", [script, "--help"]),
        ("talentgraph --version", [script, "--version"]),
    ):
        wall, cpu = timed(argv, args.runs)
        print(
            f"  {label:24} {statistics.median(wall) * 1000:7.0f} ms / {min(wall) * 1000:4.0f} ms"
            f"   {statistics.median(cpu) * 1000:7.0f} ms"
        )
    print("heaviest imports of `talentgraph --help` (cumulative, ms):")
    for micros, name in heaviest_imports():
        print(f"  {micros / 1000:6.1f}  {name}")


if __name__ == "__main__":
    main()
