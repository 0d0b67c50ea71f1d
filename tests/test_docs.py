"""The docs are part of the product: every command is documented and the README's commands are the real ones."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from talentgraph.cli import cli

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _bash_blocks(text: str) -> list[str]:
    return re.findall(r"```bash\n(.*?)```", text, flags=re.S)


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_help_and_a_readme_mention(name):
    command = cli.commands[name]
    assert (command.help or "").strip(), f"`talentgraph {name}` has no help text"
    assert re.search(rf"talentgraph(\s+--\S+(\s+\S+)?)*\s+{re.escape(name)}\b", README), (
        f"README never shows `talentgraph {name}`"
    )


def test_ci_runs_the_readme_test_command():
    test_command = _bash_blocks(README)[1].strip()
    assert "pytest" in test_command
    assert test_command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_the_first_readme_command_installs_and_runs_the_main_job():
    first = _bash_blocks(README)[0].strip()
    assert "pip install" in first and "talentgraph load article" in first and "talentgraph trace" in first


def test_root_keeps_the_design_card():
    import subprocess

    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    if not files:
        pytest.skip("not a git checkout")
    tracked = {f.split("/")[0] for f in files if not f.startswith(".")}
    # the design card's rooms, plus the files every project keeps at its root
    assert tracked <= {"pyproject.toml", "README.md", "LICENSE", "CHANGELOG.md", "graph", "loaders", "queries", "tests"}


@pytest.mark.parametrize("package", ["talentgraph.graph", "talentgraph.loaders", "talentgraph.queries"])
def test_all_is_the_public_surface(package):
    import importlib

    module = importlib.import_module(package)
    missing = [name for name in module.__all__ if not hasattr(module, name)]
    assert missing == []
    # every public class or function the package imports is declared in __all__
    public = {
        n
        for n, v in vars(module).items()
        if not n.startswith("_") and callable(v) and getattr(v, "__module__", "").startswith("talentgraph")
    }
    assert public <= set(module.__all__)


def test_readme_python_examples_of_the_store_api_run(tmp_path, monkeypatch):
    """The README's examples of the store-taking API run as written, in order, in a folder
    holding the article's store as graph.db (the default name)."""
    from talentgraph.graph import EmbeddedStore
    from talentgraph.loaders import load_sources

    with EmbeddedStore.writing(tmp_path / "graph.db") as store:
        load_sources(store, ["article"])
    monkeypatch.chdir(tmp_path)
    blocks = [
        b
        for b in re.findall(r"```python\n(.*?)```", README, flags=re.S)
        if any(call in b for call in ("trace(store", "shortest_paths(store", "export_graph(store"))
    ]
    assert len(blocks) >= 4
    namespace: dict = {}
    for block in blocks:
        exec(compile(block, "README.md", "exec"), namespace)
    assert namespace["paths"] and (tmp_path / "talent.graphml").exists() and (tmp_path / "path.html").exists()
    assert namespace["folder"].import_command.startswith("neo4j-admin database import full neo4j ")
