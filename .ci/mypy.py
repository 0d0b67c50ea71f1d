"""Type-check talentgraph as it is installed, not as its folders are named.

pyproject maps folders to packages (queries/cli -> talentgraph, graph -> talentgraph.graph,
...), which mypy cannot follow through an editable install. This script builds a tree of
symbolic links under build/typecheck/ in the installed shape, runs ``mypy -p talentgraph``
with the ``[tool.mypy]`` configuration of pyproject.toml, and prints the errors with the
repository's own paths. Extra arguments go to mypy.

    .venv/bin/python .ci/mypy.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TREE = ROOT / "build" / "typecheck"


def build_tree() -> dict[str, str]:
    """Link every mapped package into TREE; return {tree prefix: repository prefix}."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    mapping: dict[str, str] = config["package-dir"]
    shutil.rmtree(TREE, ignore_errors=True)
    prefixes: dict[str, str] = {}
    for package, folder in sorted(mapping.items(), key=lambda item: item[0].count(".")):
        target = TREE.joinpath(*package.split("."))
        source = ROOT / folder
        if package.count(".") == 0:
            # the top-level package: its files only (its sub-folders are mapped on their own)
            target.mkdir(parents=True)
            for path in source.iterdir():
                if path.is_file() and path.suffix in (".py", ".pyi", ".typed"):
                    (target / path.name).symlink_to(path)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to(source, target_is_directory=True)
        prefixes[str(target.relative_to(ROOT)) + "/"] = folder.rstrip("/") + "/"
    return prefixes


def main(argv: list[str]) -> int:
    prefixes = build_tree()
    # longest prefix first, so talentgraph/graph/ wins over talentgraph/
    ordered = sorted(prefixes.items(), key=lambda item: -len(item[0]))
    run = subprocess.run([sys.executable, "-m", "mypy", *argv], cwd=ROOT, capture_output=True, text=True)
    for line in (run.stdout + run.stderr).splitlines():
        for tree_prefix, folder in ordered:
            if line.startswith(tree_prefix):
                line = folder + line[len(tree_prefix) :]
                break
        print(line)
    return run.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
